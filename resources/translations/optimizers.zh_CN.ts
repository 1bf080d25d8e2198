<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobControls</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MovingAveragesPage</name>
    <message>
        <source>Exponentially weighted averages</source>
        <translation>指数加权平均</translation>
    </message>
    <message>
        <source>β of curve %1</source>
        <translation>曲线 %1 的 β</translation>
    </message>
    <message>
        <source>With bias correction (solid)</source>
        <translation>有偏差修正（实线）</translation>
    </message>
    <message>
        <source>Without bias correction (dashed)</source>
        <translation>无偏差修正（虚线）</translation>
    </message>
    <message>
        <source>Zoom on the first %1 days</source>
        <translation>放大前 %1 天</translation>
    </message>
    <message>
        <source>Day-to-day noise</source>
        <translation>每日噪声</translation>
    </message>
    <message>
        <source>Another year</source>
        <translation>换一年数据</translation>
    </message>
    <message>
        <source>day of the year</source>
        <translation>一年中的第几天</translation>
    </message>
    <message>
        <source>temperature (°C)</source>
        <translation>气温 (°C)</translation>
    </message>
    <message>
        <source>days ago</source>
        <translation>几天前</translation>
    </message>
    <message>
        <source>weight in today&apos;s average</source>
        <translation>在今天平均值中的权重</translation>
    </message>
    <message>
        <source>&lt;p&gt;v&lt;sub&gt;t&lt;/sub&gt; = β·v&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β)·θ&lt;sub&gt;t&lt;/sub&gt;, starting from v&lt;sub&gt;0&lt;/sub&gt; = 0. The weights fall by the factor β each day back, so the average mostly remembers the last 1/(1 − β) days: larger β, smoother and later.&lt;/p&gt;&lt;p&gt;Starting from 0 makes the first averages too low: after t days the weights only add up to 1 − β&lt;sup&gt;t&lt;/sup&gt;. Dividing by 1 − β&lt;sup&gt;t&lt;/sup&gt; (bias correction) fixes that from day 1.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Momentum&lt;/b&gt; keeps such an average of the gradients (β = momentum, 0.9: about 10 steps). &lt;b&gt;RMSProp&lt;/b&gt; keeps one of the squared gradients (β = alpha, 0.99: about 100 steps). &lt;b&gt;Adam&lt;/b&gt; keeps both (β₁ = 0.9, β₂ = 0.999) and bias-corrects them, because its averages also start at 0.&lt;/p&gt;</source>
        <translation>&lt;p&gt;v&lt;sub&gt;t&lt;/sub&gt; = β·v&lt;sub&gt;t−1&lt;/sub&gt; + (1 − β)·θ&lt;sub&gt;t&lt;/sub&gt;，从 v&lt;sub&gt;0&lt;/sub&gt; = 0 开始。每往前一天，权重就乘以 β，所以平均值主要记住最近 1/(1 − β) 天：β 越大，曲线越平滑，也越滞后。&lt;/p&gt;&lt;p&gt;从 0 开始会让最初的平均值偏低：t 天后权重之和只有 1 − β&lt;sup&gt;t&lt;/sup&gt;。除以 1 − β&lt;sup&gt;t&lt;/sup&gt;（偏差修正）从第 1 天起就消除了这个偏差。&lt;/p&gt;&lt;p&gt;&lt;b&gt;动量法&lt;/b&gt;保存的正是梯度的这种平均（β = 动量系数，0.9：约 10 步）。&lt;b&gt;RMSProp&lt;/b&gt; 保存梯度平方的平均（β = alpha，0.99：约 100 步）。&lt;b&gt;Adam&lt;/b&gt; 两者都保存（β₁ = 0.9，β₂ = 0.999）并做偏差修正，因为它的平均值也是从 0 开始的。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>daily temperature</source>
        <translation>每日气温</translation>
    </message>
    <message>
        <source>β = %1</source>
        <translation>β = %1</translation>
    </message>
    <message>
        <source>β = %1: window ≈ 1/(1 − β) = &lt;b&gt;%2&lt;/b&gt; days</source>
        <translation>β = %1：窗口 ≈ 1/(1 − β) = &lt;b&gt;%2&lt;/b&gt; 天</translation>
    </message>
</context>
<context>
    <name>NetworkLandscapePage</name>
    <message>
        <source>A real network&apos;s landscape</source>
        <translation>真实网络的损失地形</translation>
    </message>
    <message>
        <source>circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>exclusive or</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>two Gaussians</source>
        <translation>两团高斯</translation>
    </message>
    <message>
        <source>two moons</source>
        <translation>双月</translation>
    </message>
    <message>
        <source>spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Units per hidden layer, e.g. 8, 8 (at most 6 layers of 8)</source>
        <translation>每个隐藏层的神经元数，例如 8, 8（最多 6 层，每层最多 8 个）</translation>
    </message>
    <message>
        <source>Training epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>Log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>Train and compute</source>
        <translation>训练并计算</translation>
    </message>
    <message>
        <source>Loss around the trained weights (random filter-normalized directions)</source>
        <translation>训练后权重附近的损失（随机的滤波器归一化方向）</translation>
    </message>
    <message>
        <source>The same slice from above (the trained weights at the centre)</source>
        <translation>同一切片的俯视图（中心为训练后的权重）</translation>
    </message>
    <message>
        <source>The training path in the plane of its two principal directions</source>
        <translation>训练路径在其两个主方向所张平面上的投影</translation>
    </message>
    <message>
        <source>&lt;p&gt;A network has hundreds of weights, so its loss cannot be drawn; a plane through the trained weights can. The slice shows L(θ* + α·δ + β·η) for two random directions δ, η.&lt;/p&gt;&lt;p&gt;Each filter (the weights into one unit) of a random direction is scaled to the size of the same filter of the network, and biases are left out (Li et al., 2018): otherwise the picture would depend on how large the weights happen to be.&lt;/p&gt;&lt;p&gt;The path picture uses instead the two directions along which the weights moved most during training (PCA); the percentages say how much of the movement each shows.&lt;/p&gt;</source>
        <translation>&lt;p&gt;网络有成百上千个权重，它的损失无法整体画出；但可以画出穿过训练后权重的一个平面。切片显示两个随机方向 δ、η 上的 L(θ* + α·δ + β·η)。&lt;/p&gt;&lt;p&gt;随机方向的每个滤波器（流入一个神经元的权重）都被缩放到与网络中对应滤波器相同的大小，偏置不参与（Li 等，2018）：否则图像会取决于权重碰巧有多大。&lt;/p&gt;&lt;p&gt;路径图则使用训练中权重移动最多的两个方向（主成分分析 PCA）；百分比表示每个方向展示了多少移动。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Write whole numbers separated by commas, e.g. 8, 8.</source>
        <translation>请输入用逗号分隔的整数，例如 8, 8。</translation>
    </message>
    <message>
        <source>At most %1 hidden layers of 1 to %2 units each.</source>
        <translation>最多 %1 个隐藏层，每层 1 到 %2 个神经元。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>The computation stopped: %1</source>
        <translation>计算中止：%1</translation>
    </message>
    <message>
        <source>Training: epoch %1 of %2</source>
        <translation>训练中：第 %1 / %2 轮</translation>
    </message>
    <message>
        <source>Slicing along random directions: %1 of %2 points</source>
        <translation>沿随机方向切片：%1 / %2 个点</translation>
    </message>
    <message>
        <source>Slicing the trajectory plane: %1 of %2 points</source>
        <translation>计算轨迹平面：%1 / %2 个点</translation>
    </message>
    <message>
        <source>Press “Train and compute” (it takes a few seconds).</source>
        <translation>请点击“训练并计算”（需要几秒钟）。</translation>
    </message>
    <message>
        <source>α (direction δ)</source>
        <translation>α（方向 δ）</translation>
    </message>
    <message>
        <source>β (direction η)</source>
        <translation>β（方向 η）</translation>
    </message>
    <message>
        <source>PC1 (%1 % of the movement)</source>
        <translation>PC1（占移动的 %1 %）</translation>
    </message>
    <message>
        <source>PC2 (%1 %)</source>
        <translation>PC2（%1 %）</translation>
    </message>
    <message>
        <source>Loss at the trained weights: &lt;b&gt;%1&lt;/b&gt;; lowest on the random slice: %2; highest: %3.</source>
        <translation>训练后权重处的损失：&lt;b&gt;%1&lt;/b&gt;；随机切片上最低：%2；最高：%3。</translation>
    </message>
</context>
<context>
    <name>OptimizerNames</name>
    <message>
        <source>Convex bowl</source>
        <translation>凸碗形</translation>
    </message>
    <message>
        <source>Ill-conditioned ellipse</source>
        <translation>病态椭圆</translation>
    </message>
    <message>
        <source>Saddle x² − y²</source>
        <translation>鞍面 x² − y²</translation>
    </message>
    <message>
        <source>Rosenbrock valley</source>
        <translation>Rosenbrock 山谷</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Himmelblau (four minima)</source>
        <translation>Himmelblau（四个极小点）</translation>
    </message>
    <message>
        <source>Plateau with a narrow well</source>
        <translation>平台与窄井</translation>
    </message>
    <message>
        <source>Data: linear regression (MSE)</source>
        <translation>数据：线性回归（均方误差）</translation>
    </message>
    <message>
        <source>Data: logistic regression (cross-entropy)</source>
        <translation>数据：逻辑回归（交叉熵）</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Stochastic GD</source>
        <translation>随机梯度下降</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>Newton&apos;s method</source>
        <translation>牛顿法</translation>
    </message>
    <message>
        <source>BFGS</source>
        <translation>BFGS</translation>
    </message>
    <message>
        <source>learning rate (lr)</source>
        <translation>学习率 (lr)</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量系数 (momentum)</translation>
    </message>
    <message>
        <source>dampening</source>
        <translation>阻尼 (dampening)</translation>
    </message>
    <message>
        <source>lr decay</source>
        <translation>学习率衰减 (lr_decay)</translation>
    </message>
    <message>
        <source>initial accumulator</source>
        <translation>累加器初值</translation>
    </message>
    <message>
        <source>eps</source>
        <translation>eps</translation>
    </message>
    <message>
        <source>alpha (average of g²)</source>
        <translation>alpha（g² 的平均）</translation>
    </message>
    <message>
        <source>beta1 (average of g)</source>
        <translation>beta1（g 的平均）</translation>
    </message>
    <message>
        <source>beta2 (average of g²)</source>
        <translation>beta2（g² 的平均）</translation>
    </message>
    <message>
        <source>damping</source>
        <translation>阻尼 (damping)</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>不衰减</translation>
    </message>
    <message>
        <source>1 / (1 + decay · t)</source>
        <translation>1 / (1 + decay · t)</translation>
    </message>
    <message>
        <source>Step: × gamma every k steps</source>
        <translation>阶梯：每 k 步乘以 gamma</translation>
    </message>
    <message>
        <source>Exponential: × gamma each step</source>
        <translation>指数：每步乘以 gamma</translation>
    </message>
    <message>
        <source>Cosine to 0 over T steps</source>
        <translation>余弦：T 步内降到 0</translation>
    </message>
    <message>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>OptimizersLab</name>
    <message>
        <source>Optimization</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Optimizers race</source>
        <translation>优化器赛跑</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Moving averages</source>
        <translation>移动平均</translation>
    </message>
    <message>
        <source>A real network&apos;s landscape</source>
        <translation>真实网络的损失地形</translation>
    </message>
</context>
<context>
    <name>RacePage</name>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Gradient noise (SGD)</source>
        <translation>梯度噪声（随机梯度下降）</translation>
    </message>
    <message>
        <source>Normalize inputs</source>
        <translation>输入标准化</translation>
    </message>
    <message>
        <source>Mini-batch size (SGD)</source>
        <translation>小批量大小（随机梯度下降）</translation>
    </message>
    <message>
        <source>Log colour scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>Methods (tick to race, double-click a value to edit)</source>
        <translation>方法（勾选参赛，双击数值可修改）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Defaults for this surface</source>
        <translation>本曲面的默认值</translation>
    </message>
    <message>
        <source>PyTorch defaults</source>
        <translation>PyTorch 默认值</translation>
    </message>
    <message>
        <source>PyTorch&apos;s defaults, but with a learning rate chosen for this surface</source>
        <translation>PyTorch 的默认值，但学习率按本曲面选取</translation>
    </message>
    <message>
        <source>Every hyperparameter as the PyTorch documentation gives it</source>
        <translation>所有超参数都取 PyTorch 文档中的默认值</translation>
    </message>
    <message>
        <source>Learning-rate decay (applied to the race)</source>
        <translation>学习率衰减（作用于赛跑）</translation>
    </message>
    <message>
        <source>decay</source>
        <translation>衰减 decay</translation>
    </message>
    <message>
        <source>every k steps</source>
        <translation>每 k 步</translation>
    </message>
    <message>
        <source>gamma</source>
        <translation>gamma</translation>
    </message>
    <message>
        <source>T (steps)</source>
        <translation>T（步）</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>赛跑</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Arrows: −∇f (steepest descent)</source>
        <translation>箭头：−∇f（最速下降方向）</translation>
    </message>
    <message>
        <source>Arrows: velocity (dashed)</source>
        <translation>箭头：速度（虚线）</translation>
    </message>
    <message>
        <source>Directional-derivative probe (drag the ring)</source>
        <translation>方向导数探针（拖动圆环）</translation>
    </message>
    <message>
        <source>Loss surface (drag to rotate, wheel to zoom)</source>
        <translation>损失曲面（拖动旋转，滚轮缩放）</translation>
    </message>
    <message>
        <source>Hide or show the controls</source>
        <translation>隐藏或显示控制面板</translation>
    </message>
    <message>
        <source>Contour map (click to choose the start point)</source>
        <translation>等高线图（点击选择起点）</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>|∇f|</source>
        <translation>|∇f|</translation>
    </message>
    <message>
        <source>Step length</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Choose at least one method to race.</source>
        <translation>请至少选择一种方法参赛。</translation>
    </message>
    <message>
        <source>Condition number κ = %1</source>
        <translation>条件数 κ = %1</translation>
    </message>
    <message>
        <source>Rotation %1°</source>
        <translation>旋转 %1°</translation>
    </message>
    <message>
        <source>Start: the surface&apos;s default. Click the map to choose another.</source>
        <translation>起点：曲面的默认起点。点击等高线图可另选。</translation>
    </message>
    <message>
        <source>Start: (%1, %2). Click the map to move it.</source>
        <translation>起点：(%1, %2)。点击等高线图可移动。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a number</source>
        <translation>“%1”不是数字</translation>
    </message>
    <message>
        <source>%1: refused, %2</source>
        <translation>%1：未采用，%2</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>每秒 %1 步</translation>
    </message>
    <message>
        <source>The engine stopped: %1</source>
        <translation>引擎中止：%1</translation>
    </message>
    <message>
        <source>Every method has stopped. Reset or change the setup to race again.</source>
        <translation>所有方法都已停止。请重置或更改设置后再赛跑。</translation>
    </message>
    <message>
        <source>%1 diverged after %2 steps: its loss blew up or it ran off the surface. Lower its learning rate, or pick another start, then Reset.</source>
        <translation>%1 在 %2 步后发散：损失爆炸或跑出了曲面。请降低它的学习率或换一个起点，然后重置。</translation>
    </message>
    <message>
        <source>At %1&apos;s point: |∇f| = %2, θ = %3° between u and ∇f, so D&lt;sub&gt;u&lt;/sub&gt;f = |∇f|·cos θ = &lt;b&gt;%4&lt;/b&gt; (negative: downhill)</source>
        <translation>在%1的当前点：|∇f| = %2，u 与 ∇f 的夹角 θ = %3°，所以 D&lt;sub&gt;u&lt;/sub&gt;f = |∇f|·cos θ = &lt;b&gt;%4&lt;/b&gt;（负值表示下坡）</translation>
    </message>
</context>
<context>
    <name>SchedulePlot</name>
    <message>
        <source>lr ÷ lr₀</source>
        <translation>lr ÷ lr₀</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>SweepPage</name>
    <message>
        <source>Learning-rate sweep</source>
        <translation>学习率扫描</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Smallest rate</source>
        <translation>最小学习率</translation>
    </message>
    <message>
        <source>Largest rate</source>
        <translation>最大学习率</translation>
    </message>
    <message>
        <source>Steps per rate</source>
        <translation>每个学习率的步数</translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>开始扫描</translation>
    </message>
    <message>
        <source>Each dot is a separate run from the same start, with the same number of steps. Too small a rate hardly moves; a good one gets low fast; a larger one oscillates; past a threshold the loss grows instead of falling: that run diverged (×). On a quadratic, gradient descent diverges exactly when lr &gt; 2 / (largest curvature).</source>
        <translation>每个点都是从同一起点、以相同步数进行的一次独立运行。学习率太小几乎不动；合适的学习率下降很快；更大的会来回振荡；超过某个阈值后损失不降反升：这次运行发散了（×）。在二次函数上，梯度下降恰好在 lr &gt; 2 / （最大曲率）时发散。</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>loss after the last step</source>
        <translation>最后一步后的损失</translation>
    </message>
    <message>
        <source>final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>the race&apos;s rate</source>
        <translation>赛跑所用学习率</translation>
    </message>
    <message>
        <source>loss at the start</source>
        <translation>起点处的损失</translation>
    </message>
    <message>
        <source>On the race&apos;s surface (%1) from its start point.</source>
        <translation>在赛跑所用的曲面（%1）上，从其起点出发。</translation>
    </message>
    <message>
        <source>The smallest rate must be below the largest.</source>
        <translation>最小学习率必须小于最大学习率。</translation>
    </message>
    <message>
        <source>The sweep stopped: %1</source>
        <translation>扫描中止：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;, %2 steps per rate.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;，每个学习率 %2 步。</translation>
    </message>
    <message>
        <source>Lowest final loss at lr ≈ %1.</source>
        <translation>最终损失最低处：lr ≈ %1。</translation>
    </message>
    <message>
        <source>Diverged from lr ≈ %1 on (%2 of %3 rates).</source>
        <translation>从 lr ≈ %1 起发散（%3 个学习率中有 %2 个）。</translation>
    </message>
    <message>
        <source>No rate diverged in this range.</source>
        <translation>此范围内没有学习率发散。</translation>
    </message>
</context>
</TS>
