<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivationsPage</name>
    <message>
        <source>Activation functions</source>
        <extracomment>Leaky ReLU&apos;s α slider: 0.001 … 0.3 in steps of 0.001. Activations whose values stay within a fixed band, whatever the x range. name -&gt; (f(x), f′(x)) at the crosshair, as shown in the readout.</extracomment>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Tick to show a function; click its name to read about it.</source>
        <translation>勾选以显示函数；点击名称查看说明。</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Leaky ReLU α</source>
        <translation>Leaky ReLU 的 α</translation>
    </message>
    <message>
        <source>PReLU α</source>
        <translation>PReLU 的 α</translation>
    </message>
    <message>
        <source>In a network PReLU&apos;s α is learned by gradient descent, like a weight; type a value to see one moment of that training.</source>
        <translation>在网络中，PReLU 的 α 像权重一样通过梯度下降学习得到；输入一个值，看看训练中某一时刻的样子。</translation>
    </message>
    <message>
        <source>ELU α</source>
        <translation>ELU 的 α</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>x from</source>
        <translation>x 从</translation>
    </message>
    <message>
        <source>x to</source>
        <translation>x 到</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Flat where |f′| &lt;</source>
        <translation>平坦区：|f′| &lt;</translation>
    </message>
    <message>
        <source>Zones where the slope is smaller than this are shaded: little gradient passes there.</source>
        <translation>斜率小于此值的区域以阴影标出：那里几乎没有梯度通过。</translation>
    </message>
    <message>
        <source>f(x) solid, f′(x) dashed</source>
        <translation>f(x) 实线，f′(x) 虚线</translation>
    </message>
    <message>
        <source>(max)</source>
        <translation>（最大）</translation>
    </message>
    <message>
        <source>The left end must be smaller than the right end.</source>
        <translation>左端必须小于右端。</translation>
    </message>
</context>
<context>
    <name>CrossEntropyPage</name>
    <message>
        <source>%1 steps/s</source>
        <extracomment>Logits from &quot;right&quot; (+8, p ≈ 1 for a target of 1) to &quot;badly wrong&quot; (−8, p ≈ 0). After :meth:`advance`, once its result is on screen.</extracomment>
        <translation>每秒 %1 步</translation>
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
        <source>The race stopped with an error: %1. Press Reset to start again.</source>
        <translation>比赛因错误而停止：%1。请按“重置”重新开始。</translation>
    </message>
    <message>
        <source>trained with MSE</source>
        <translation>用 MSE 训练</translation>
    </message>
    <message>
        <source>trained with cross-entropy</source>
        <translation>用交叉熵训练</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>share misclassified</source>
        <translation>错分比例</translation>
    </message>
    <message>
        <source>Step %1 of %2.</source>
        <translation>第 %1 步，共 %2 步。</translation>
    </message>
    <message>
        <source>%1: not yet at half the starting value.</source>
        <translation>%1：尚未降到初始值的一半。</translation>
    </message>
    <message>
        <source>%1: reached half the starting value at step %2.</source>
        <translation>%1：在第 %2 步降到初始值的一半。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已结束。</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>badly wrong</source>
        <translation>错得离谱</translation>
    </message>
    <message>
        <source>Target y = 1, output p = σ(z). When the model is confidently wrong (p near 0), σ′(z) is almost 0, so MSE barely moves the logit: it learns slowest exactly when it is most wrong. Cross-entropy&apos;s ln cancels the sigmoid&apos;s flat tail, and the push is simply p − y: strongest when most wrong. The race on the right trains the same logistic model from the same bad start with each loss; both are measured by the same yardstick.</source>
        <translation>目标 y = 1，输出 p = σ(z)。当模型自信地答错（p 接近 0）时，σ′(z) 几乎为 0，MSE 几乎推不动 logit：错得越厉害，学得反而越慢。交叉熵中的 ln 抵消了 sigmoid 的平坦尾部，推力就是 p − y：错得越厉害，推得越用力。右边的比赛用两种损失，从同一个糟糕的起点训练同一个逻辑回归模型，并用同一把尺子衡量。</translation>
    </message>
    <message>
        <source>Why cross-entropy trains faster</source>
        <translation>为什么交叉熵训练得更快</translation>
    </message>
    <message>
        <source>Race</source>
        <translation>比赛</translation>
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
        <source>Measured by</source>
        <translation>衡量标准</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起点</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>How wrong at the start</source>
        <translation>起点错得多离谱</translation>
    </message>
    <message>
        <source>How far on the wrong side a typical example&apos;s logit starts (0: undecided).</source>
        <translation>典型样本的 logit 一开始在错误一侧有多远（0：未决定）。</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>prediction p for a target of 1</source>
        <translation>目标为 1 时的预测 p</translation>
    </message>
    <message>
        <source>push on the logit |∂L/∂z|</source>
        <translation>对 logit 的推力 |∂L/∂z|</translation>
    </message>
    <message>
        <source>gradient-descent step</source>
        <translation>梯度下降步数</translation>
    </message>
</context>
<context>
    <name>DepthPage</name>
    <message>
        <source>%1 (%2% of paths exactly 0)</source>
        <extracomment>Random paths per activation: enough for a smooth histogram, computed in well under a second. sigmoid′(0), the largest slope a sigmoid has; the course&apos;s &quot;0.25^L&quot;. The latest results, by activation name.</extracomment>
        <translation>%1（%2% 的路径恰好为 0）</translation>
    </message>
    <message>
        <source>every path has a zero slope somewhere: no gradient at all</source>
        <translation>每条路径上都有斜率为 0 的地方：完全没有梯度</translation>
    </message>
    <message>
        <source>%1% of paths exactly 0</source>
        <translation>%1% 的路径恰好为 0</translation>
    </message>
    <message>
        <source>typical |∏ f′| = %1</source>
        <translation>典型 |∏ f′| = %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>A gradient through L layers</source>
        <translation>穿过 L 层的梯度</translation>
    </message>
    <message>
        <source>Backpropagation multiplies the gradient by one slope f′(z) per layer. Here the weights are left out: each z is drawn at random from N(0, σ²), %1 paths per function. The sigmoid&apos;s slope is at most 0.25, so after L layers the product is at most 0.25ᴸ; at L = %2 that is %3 — the vanishing gradient. ReLU passes exactly 1 or exactly 0: its gradients do not shrink, but a path dies at the first negative z.</source>
        <translation>反向传播每经过一层，就把梯度乘以该层的斜率 f′(z)。这里略去权重：每个 z 从 N(0, σ²) 中随机抽取，每个函数 %1 条路径。sigmoid 的斜率至多为 0.25，所以经过 L 层后乘积至多为 0.25ᴸ；L = %2 时为 %3——这就是梯度消失。ReLU 的斜率恰好是 1 或 0：梯度不会缩小，但路径一遇到负的 z 就“死”了。</translation>
    </message>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>深度</translation>
    </message>
    <message>
        <source>Layers L</source>
        <translation>层数 L</translation>
    </message>
    <message>
        <source>Spread σ of z</source>
        <translation>z 的标准差 σ</translation>
    </message>
    <message>
        <source>Pre-activations are drawn from a normal distribution with this standard deviation; a larger spread pushes more of them into the flat zones.</source>
        <translation>预激活值从以此为标准差的正态分布中抽取；标准差越大，落入平坦区的越多。</translation>
    </message>
    <message>
        <source>|∏ f′(z)| over L layers (log scale)</source>
        <translation>L 层的 |∏ f′(z)|（对数刻度）</translation>
    </message>
    <message>
        <source>share of paths (%)</source>
        <translation>路径占比（%）</translation>
    </message>
    <message>
        <source>number of layers L</source>
        <translation>层数 L</translation>
    </message>
    <message>
        <source>typical |∏ f′(z)|</source>
        <translation>典型 |∏ f′(z)|</translation>
    </message>
</context>
<context>
    <name>FunctionsLab</name>
    <message>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Through depth</source>
        <translation>穿过深度</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Why cross-entropy</source>
        <translation>为什么用交叉熵</translation>
    </message>
    <message>
        <source>Which output and loss?</source>
        <translation>选哪种输出和损失？</translation>
    </message>
    <message>
        <source>A calculation failed: %1</source>
        <translation>计算失败：%1</translation>
    </message>
</context>
<context>
    <name>FunctionsTexts</name>
    <message>
        <source>Step</source>
        <translation>阶跃</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>PReLU</source>
        <translation>PReLU</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <source>The slope is 0 everywhere (and undefined at 0): no gradient ever flows back, so a network of step units cannot learn by gradient descent. That is why smooth activations replaced it.</source>
        <extracomment>(f, f′) of each activation, as HTML.</extracomment>
        <translation>斜率处处为 0（在 0 处无定义）：梯度永远传不回去，所以由阶跃单元构成的网络无法用梯度下降学习。这正是平滑激活函数取代它的原因。</translation>
    </message>
    <message>
        <source>The slope is 1 everywhere, so gradients pass unchanged. But a stack of linear layers is still one linear function: without a nonlinearity, depth adds nothing.</source>
        <translation>斜率处处为 1，梯度原样通过。但多个线性层叠起来仍然只是一个线性函数：没有非线性，加深网络毫无用处。</translation>
    </message>
    <message>
        <source>σ′ is largest at x = 0, where σ′(0) = {peak:.2f}. Beyond |x| &amp;gt; 3 it is below {at_three:.3f}: in the saturated zones (shaded) almost no gradient gets through. The output lies in (0, 1) and is not zero-centred.</source>
        <translation>σ′ 在 x = 0 处最大，σ′(0) = {peak:.2f}。当 |x| &amp;gt; 3 时它小于 {at_three:.3f}：在饱和区（阴影）几乎没有梯度通过。输出位于 (0, 1)，不以零为中心。</translation>
    </message>
    <message>
        <source>tanh is a stretched, shifted sigmoid: tanh(x) = 2σ(2x) − 1 (the dotted curve; largest difference on this range {difference:.0e}). Its output lies in (−1, 1) and is zero-centred; tanh′ ≤ 1, with tanh′(0) = {peak:.2f}, four times sigmoid&apos;s peak. It still saturates for large |x|.</source>
        <translation>tanh 是拉伸、平移后的 sigmoid：tanh(x) = 2σ(2x) − 1（点线；在此范围内最大差值 {difference:.0e}）。输出位于 (−1, 1)，以零为中心；tanh′ ≤ 1，tanh′(0) = {peak:.2f}，是 sigmoid 峰值的四倍。|x| 很大时它仍会饱和。</translation>
    </message>
    <message>
        <source>For x &amp;gt; 0 the slope is 1: the gradient passes unchanged, however deep the network. For x &amp;lt; 0 the slope is 0: the dead zone. A unit whose input stays negative gets no gradient and stops learning (a &apos;dead ReLU&apos;).</source>
        <translation>x &amp;gt; 0 时斜率为 1：无论网络多深，梯度都原样通过。x &amp;lt; 0 时斜率为 0：这是死区。输入始终为负的单元得不到梯度，停止学习（“死亡 ReLU”）。</translation>
    </message>
    <message>
        <source>Below 0 the slope is α = {alpha:.3f} instead of 0, so a unit with a negative input still gets a little gradient and cannot die.</source>
        <translation>在 0 以下斜率为 α = {alpha:.3f} 而不是 0，所以输入为负的单元仍能得到少量梯度，不会“死”。</translation>
    </message>
    <message>
        <source>Parametric ReLU: the same shape as Leaky ReLU, but α is a parameter the network learns by gradient descent, like a weight (PyTorch starts it at {initial:.2f}). Here α = {alpha:.3f}: one moment of that training.</source>
        <translation>参数化 ReLU：形状与 Leaky ReLU 相同，但 α 是网络像权重一样通过梯度下降学习的参数（PyTorch 的初始值为 {initial:.2f}）。这里 α = {alpha:.3f}：训练中的某一时刻。</translation>
    </message>
    <message>
        <source>Smooth below 0, levelling off at −α = {minus_alpha:.2f}, so its average output is closer to 0 than ReLU&apos;s. The slope αeˣ is small for very negative x but never exactly 0.</source>
        <translation>在 0 以下平滑，逐渐趋于 −α = {minus_alpha:.2f}，所以平均输出比 ReLU 更接近 0。x 很负时斜率 αeˣ 很小，但从不恰好为 0。</translation>
    </message>
    <message>
        <source>A smooth ReLU: its derivative is exactly the sigmoid, so the slope is never 0 and never above 1 (softplus′(0) = {peak:.2f}).</source>
        <translation>平滑版的 ReLU：它的导数恰好是 sigmoid，所以斜率从不为 0，也从不超过 1（softplus′(0) = {peak:.2f}）。</translation>
    </message>
    <message>
        <source>MAE (L1)</source>
        <translation>MAE（L1）</translation>
    </message>
    <message>
        <source>MSE (L2)</source>
        <translation>MSE（L2）</translation>
    </message>
    <message>
        <source>Huber</source>
        <translation>Huber</translation>
    </message>
    <message>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
</context>
<context>
    <name>LossesPage</name>
    <message>
        <source>Each curve is the loss of one example with prediction p and target y; the engine averages it over a batch. MAE pushes with the same force however wrong p is; MSE pushes in proportion to the error, so outliers dominate; Huber is MSE near the target and MAE beyond δ. Cross-entropy needs a probability and a target in [0, 1]; its gradient grows without bound as a confident answer turns out wrong.</source>
        <extracomment>Probabilities are plotted on [ε, 1 − ε]: cross-entropy is infinite at 0 and 1. Regression predictions span the target ± this. The gradient axis in classification, so the bounded gradients stay readable beside BCE&apos;s. The latest curves: (predictions, {loss name: (values, gradients)}).</extracomment>
        <translation>每条曲线是单个样本（预测 p、目标 y）的损失；引擎会在一个批次上取平均。MAE 不论 p 错多少，推力都一样；MSE 的推力与误差成正比，所以离群点占主导；Huber 在目标附近像 MSE，超过 δ 后像 MAE。交叉熵需要概率和 [0, 1] 内的目标；自信的答案一旦错了，它的梯度会无限增大。</translation>
    </message>
    <message>
        <source>Losses (d = p − y)</source>
        <translation>损失函数（d = p − y）</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Classification (y = 0 or 1)</source>
        <translation>分类（y = 0 或 1）</translation>
    </message>
    <message>
        <source>Regression (any y)</source>
        <translation>回归（任意 y）</translation>
    </message>
    <message>
        <source>Target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>Huber δ</source>
        <translation>Huber 的 δ</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Cross-entropy needs a target in [0, 1].</source>
        <translation>交叉熵需要 [0, 1] 内的目标。</translation>
    </message>
    <message>
        <source>prediction p (a probability)</source>
        <translation>预测 p（概率）</translation>
    </message>
    <message>
        <source>prediction p</source>
        <translation>预测 p</translation>
    </message>
    <message>
        <source>loss of one example</source>
        <translation>单个样本的损失</translation>
    </message>
    <message>
        <source>gradient ∂loss/∂p</source>
        <translation>梯度 ∂损失/∂p</translation>
    </message>
</context>
<context>
    <name>SoftmaxPage</name>
    <message>
        <source>With two classes, softmax is the sigmoid of the difference of the logits: only z₁ − z₂ matters. That is why a binary classifier needs just one output unit with a sigmoid.</source>
        <extracomment>The temperature slider is logarithmic: T = 10^(position / STEPS_PER_DECADE), 0.1 … 10. The probabilities on display, softmax(z / T) from the engine.</extracomment>
        <translation>只有两个类别时，softmax 就是两个 logit 之差的 sigmoid：只有 z₁ − z₂ 起作用。所以二分类器只需要一个带 sigmoid 的输出单元。</translation>
    </message>
    <message>
        <source>Set the number of classes to 2 to see that softmax becomes the sigmoid of z₁ − z₂.</source>
        <translation>把类别数设为 2，就能看到 softmax 变成 z₁ − z₂ 的 sigmoid。</translation>
    </message>
    <message>
        <source>Softmax turns any logits into probabilities that sum to 1; adding the same number to every logit changes nothing. A high temperature T flattens the probabilities, a low one sharpens them towards the largest logit.</source>
        <translation>Softmax 把任意 logit 变成和为 1 的概率；给每个 logit 加同一个数不会改变结果。温度 T 越高，概率越平均；温度越低，概率越集中到最大的 logit 上。</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Reset the logits</source>
        <translation>重置 logit</translation>
    </message>
    <message>
        <source>Drag a bar in the upper chart (or click where its top should be) to change that logit.</source>
        <translation>在上方图表中拖动柱子（或点击柱顶应在的位置）来改变对应的 logit。</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>probability p = softmax(z / T)</source>
        <translation>概率 p = softmax(z / T)</translation>
    </message>
</context>
<context>
    <name>TaskTablePage</name>
    <message>
        <source>Binary classification (one yes/no)</source>
        <extracomment>task -&gt; (output units, engine loss names). The engine&apos;s cross-entropy losses take logits and apply the sigmoid or softmax themselves, so in the engine the last layer is a plain Dense. The table&apos;s text is this much larger than the application font: it is meant to be projected.</extracomment>
        <translation>二分类（一个是/否）</translation>
    </message>
    <message>
        <source>1 unit, sigmoid</source>
        <translation>1 个单元，sigmoid</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <source>spam or not spam</source>
        <translation>是否为垃圾邮件</translation>
    </message>
    <message>
        <source>Multi-class (exactly one of K classes)</source>
        <translation>多分类（K 类中恰好一类）</translation>
    </message>
    <message>
        <source>K units, softmax</source>
        <translation>K 个单元，softmax</translation>
    </message>
    <message>
        <source>categorical cross-entropy</source>
        <translation>分类交叉熵</translation>
    </message>
    <message>
        <source>which digit, 0–9</source>
        <translation>是哪个数字（0–9）</translation>
    </message>
    <message>
        <source>Multi-label (any number of K labels)</source>
        <translation>多标签（K 个标签中任意几个）</translation>
    </message>
    <message>
        <source>K units, a sigmoid on each</source>
        <translation>K 个单元，每个一个 sigmoid</translation>
    </message>
    <message>
        <source>binary cross-entropy on each output</source>
        <translation>每个输出一个二元交叉熵</translation>
    </message>
    <message>
        <source>which objects are in a photo</source>
        <translation>照片里有哪些物体</translation>
    </message>
    <message>
        <source>Regression (a number)</source>
        <translation>回归（一个数）</translation>
    </message>
    <message>
        <source>linear (no activation)</source>
        <translation>线性（无激活函数）</translation>
    </message>
    <message>
        <source>MSE, MAE or Huber</source>
        <translation>MSE、MAE 或 Huber</translation>
    </message>
    <message>
        <source>the price of a house</source>
        <translation>房子的价格</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>In the engine</source>
        <translation>在引擎中</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>例子</translation>
    </message>
    <message>
        <source>Output activation and loss</source>
        <translation>输出激活函数与损失函数</translation>
    </message>
    <message>
        <source>The output activation turns the last layer&apos;s numbers into the kind of answer the task needs; the loss compares that answer with the target. In this engine the sigmoid or softmax is folded into the loss (the *_cross_entropy losses take logits): the formula never overflows, and the gradient is simply p − y.</source>
        <translation>输出激活函数把最后一层的数变成任务需要的答案形式；损失函数把这个答案与目标比较。本引擎把 sigmoid 或 softmax 并入损失函数（*_cross_entropy 损失接受 logit）：公式不会溢出，梯度就是 p − y。</translation>
    </message>
</context>
</TS>
