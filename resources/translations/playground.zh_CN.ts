<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DataView</name>
    <message>
        <source>Data</source>
        <extracomment>Slider steps of the ratio and noise sliders (the Playground&apos;s).</extracomment>
        <translation>数据</translation>
    </message>
    <message>
        <source>Which data set do you want to use?</source>
        <translation>选择数据集：</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Draw new points (the next seed)</source>
        <translation>重新抽取数据点（换下一个种子）</translation>
    </message>
    <message>
        <source>Ratio of training to test data: %1 %</source>
        <translation>训练数据占比：%1 %</translation>
    </message>
    <message>
        <source>Noise: %1</source>
        <translation>噪声：%1</translation>
    </message>
    <message>
        <source>Batch size: %1 (all training points)</source>
        <translation>批大小：%1（全部训练点）</translation>
    </message>
    <message>
        <source>Batch size: %1</source>
        <translation>批大小：%1</translation>
    </message>
    <message>
        <source>Seed %1</source>
        <translation>种子 %1</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>1 hidden layer</source>
        <extracomment>A link&apos;s width at |w| = 0 and at |w| ≥ WIDE_WEIGHT (TensorFlow Playground&apos;s scale). Link widths are drawn in this many steps between THIN and THICK (pens are reused per step). Above this many links the dashes stop flowing (drawing them would cost too much per frame). How far (pixels) the pointer may be from a link and still hover it. The hidden neuron under the pointer (layer, index), or None when it leaves.</extracomment>
        <translation>1 个隐藏层</translation>
    </message>
    <message>
        <source>%1 hidden layers</source>
        <translation>%1 个隐藏层</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>特征</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Add a hidden layer</source>
        <translation>增加一个隐藏层</translation>
    </message>
    <message>
        <source>Remove the last hidden layer</source>
        <translation>删除最后一个隐藏层</translation>
    </message>
    <message>
        <source>1 neuron</source>
        <translation>1 个神经元</translation>
    </message>
    <message>
        <source>%1 neurons</source>
        <translation>%1 个神经元</translation>
    </message>
    <message>
        <source>Add a neuron to this layer</source>
        <translation>给这一层增加一个神经元</translation>
    </message>
    <message>
        <source>Remove a neuron from this layer</source>
        <translation>从这一层删除一个神经元</translation>
    </message>
    <message>
        <source>Activation of this layer</source>
        <translation>这一层的激活函数</translation>
    </message>
    <message>
        <source>Weight %1 — click to change it</source>
        <translation>权重 %1（点击可修改）</translation>
    </message>
    <message>
        <source>Bias %1 — click to change it</source>
        <translation>偏置 %1（点击可修改）</translation>
    </message>
    <message>
        <source>Input %1 is on — click to switch it off</source>
        <translation>输入 %1 已启用（点击关闭）</translation>
    </message>
    <message>
        <source>Input %1 is off — click to switch it on</source>
        <translation>输入 %1 未启用（点击启用）</translation>
    </message>
    <message>
        <source>The output of the network</source>
        <translation>网络的输出</translation>
    </message>
    <message>
        <source>Neuron %1 of hidden layer %2: its output over the input square</source>
        <translation>第 %2 个隐藏层的第 %1 个神经元：它在输入平面上的输出</translation>
    </message>
    <message>
        <source>Type a number between −1000000 and 1000000, e.g. −0.5</source>
        <translation>请输入 −1000000 到 1000000 之间的数，例如 −0.5</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <source>Output</source>
        <extracomment>Seconds between two redraws of the curves while training runs. A curve of thousands of epochs gains a few pixels per frame; redrawing the charts less often than the maps leaves more time for training. The charts are redrawn at least this long after a frame&apos;s map (seconds). The user switched &quot;show test data&quot; or &quot;discretize output&quot;.</extracomment>
        <translation>输出</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis, where small late improvements stay visible</source>
        <translation>用对数坐标显示损失，后期的微小下降也看得见</translation>
    </message>
    <message>
        <source>Show test data</source>
        <translation>显示测试数据</translation>
    </message>
    <message>
        <source>Discretize output</source>
        <translation>离散化输出</translation>
    </message>
    <message>
        <source>Loss per epoch, the whole run. Drag or scroll to look closer; double-click to see everything again.</source>
        <translation>每一轮的损失（整个训练过程）。拖动或滚动可放大细看，双击恢复全貌。</translation>
    </message>
    <message>
        <source>Accuracy per epoch (0 to 1)</source>
        <translation>每一轮的准确率（0 到 1）</translation>
    </message>
    <message>
        <source>The network&apos;s output over the input square</source>
        <translation>网络在输入平面上的输出</translation>
    </message>
    <message>
        <source>Test loss %1</source>
        <translation>测试损失 %1</translation>
    </message>
    <message>
        <source>Training loss %1</source>
        <translation>训练损失 %1</translation>
    </message>
    <message>
        <source>Test accuracy %1</source>
        <translation>测试准确率 %1</translation>
    </message>
    <message>
        <source>Training accuracy %1</source>
        <translation>训练准确率 %1</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>类别 %1</translation>
    </message>
</context>
<context>
    <name>PlaygroundLab</name>
    <message>
        <source>Playground</source>
        <extracomment>The output nodes&apos; maps are the output map sampled every OUTPUT_NODE_STRIDE points. The worker&apos;s own limit on reports per second, set so high that it never applies: the session paces its frames itself, and every frame carries history rows that must not be dropped. At most this share of the time goes into drawing frames while training runs. The GUI thread and the worker share Python&apos;s interpreter lock, so this is roughly what the views cost the training; the speed target is &gt;= 70 % of the engine alone. A frame costs the GUI thread about 10-17 ms, so training at full speed is drawn 9-15 times a second. Frames are asked for at most this often (seconds between two).</extracomment>
        <translation>游乐场</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>More settings</source>
        <translation>更多设置</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Playground settings (*.json)</source>
        <translation>游乐场设置 (*.json)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>%1 cannot be opened as Playground settings: %2</source>
        <translation>无法把 %1 作为游乐场设置打开：%2</translation>
    </message>
    <message>
        <source>Keep at least one input: the network needs something to look at.</source>
        <translation>至少保留一个输入：网络总得有东西可看。</translation>
    </message>
    <message>
        <source>From 0 to %1 hidden layers.</source>
        <translation>隐藏层数量须在 0 到 %1 之间。</translation>
    </message>
    <message>
        <source>From 1 to %1 neurons per layer.</source>
        <translation>每层神经元数量须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <source>Neuron %1 of hidden layer %2</source>
        <translation>第 %2 个隐藏层的第 %1 个神经元</translation>
    </message>
</context>
<context>
    <name>PlaygroundTexts</name>
    <message>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>Exclusive or</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>Gaussian</source>
        <translation>高斯</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Two moons</source>
        <translation>双月牙</translation>
    </message>
    <message>
        <source>Spiral, 3 classes</source>
        <translation>螺旋（3 类）</translation>
    </message>
    <message>
        <source>Spiral, 4 classes</source>
        <translation>螺旋（4 类）</translation>
    </message>
    <message>
        <source>Spiral, 5 classes</source>
        <translation>螺旋（5 类）</translation>
    </message>
    <message>
        <source>Plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>Multi Gaussian</source>
        <translation>多高斯</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>阶跃</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <source>Squared error (MSE)</source>
        <translation>平方误差（MSE）</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD（随机梯度下降）</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <source>Playground: U(−0.5, 0.5)</source>
        <translation>游乐场：U(−0.5, 0.5)</translation>
    </message>
    <message>
        <source>All zeros</source>
        <translation>全零</translation>
    </message>
    <message>
        <source>Uniform U(−0.05, 0.05)</source>
        <translation>均匀分布 U(−0.05, 0.05)</translation>
    </message>
    <message>
        <source>Normal N(0, 0.05²)</source>
        <translation>正态分布 N(0, 0.05²)</translation>
    </message>
    <message>
        <source>Xavier (uniform)</source>
        <translation>Xavier（均匀）</translation>
    </message>
    <message>
        <source>Xavier (normal)</source>
        <translation>Xavier（正态）</translation>
    </message>
    <message>
        <source>LeCun (uniform)</source>
        <translation>LeCun（均匀）</translation>
    </message>
    <message>
        <source>LeCun (normal)</source>
        <translation>LeCun（正态）</translation>
    </message>
    <message>
        <source>He (uniform)</source>
        <translation>He（均匀）</translation>
    </message>
    <message>
        <source>He (normal)</source>
        <translation>He（正态）</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Halve every N epochs</source>
        <translation>每 N 轮减半</translation>
    </message>
    <message>
        <source>Exponential (half-life N)</source>
        <translation>指数衰减（半衰期 N 轮）</translation>
    </message>
    <message>
        <source>1/t decay (half at N)</source>
        <translation>1/t 衰减（第 N 轮减半）</translation>
    </message>
    <message>
        <source>Cosine over N epochs</source>
        <translation>余弦衰减（N 轮）</translation>
    </message>
    <message>
        <source>Diverged at epoch %1 — lower the learning rate or reset.</source>
        <translation>第 %1 轮发散了——请调低学习率或重置。</translation>
    </message>
    <message>
        <source>Stopped early at epoch %1: the test loss did not improve for %2 epochs. The weights of the best epoch are back.</source>
        <translation>在第 %1 轮提前停止：测试损失已连续 %2 轮没有改善。已恢复最佳一轮的权重。</translation>
    </message>
    <message>
        <source>Finished: %1 epochs, as set in “Stop after”.</source>
        <translation>已完成：按“训练轮数上限”的设置训练了 %1 轮。</translation>
    </message>
    <message>
        <source>The training stopped with an error: %1</source>
        <translation>训练因错误而停止：%1</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Momentum: a number from 0 up to (not including) 1, e.g. 0.9</source>
        <extracomment>What the boxes propose when early stopping or the epoch limit is switched on. Which optimizer uses which hyperparameter field.</extracomment>
        <translation>动量：0 到 1 之间的数（不含 1），例如 0.9</translation>
    </message>
    <message>
        <source>β₁: a number from 0 up to (not including) 1, e.g. 0.9</source>
        <translation>β₁：0 到 1 之间的数（不含 1），例如 0.9</translation>
    </message>
    <message>
        <source>β₂: a number from 0 up to (not including) 1, e.g. 0.999</source>
        <translation>β₂：0 到 1 之间的数（不含 1），例如 0.999</translation>
    </message>
    <message>
        <source>ρ: a number from 0 up to (not including) 1, e.g. 0.99</source>
        <translation>ρ：0 到 1 之间的数（不含 1），例如 0.99</translation>
    </message>
    <message>
        <source>ε: a small number above 0 and at most 1, e.g. 1e-8</source>
        <translation>ε：大于 0、不超过 1 的小数，例如 1e-8</translation>
    </message>
    <message>
        <source>Dropout: a rate from 0 to %1, e.g. 0.2</source>
        <translation>丢弃率：0 到 %1 之间，例如 0.2</translation>
    </message>
    <message>
        <source>Patience: a whole number of epochs, at least 1</source>
        <translation>耐心值：整数轮数，至少为 1</translation>
    </message>
    <message>
        <source>A whole number of epochs, at least 1</source>
        <translation>整数轮数，至少为 1</translation>
    </message>
    <message>
        <source>A whole number of epochs, 0 or more</source>
        <translation>整数轮数，0 或更多</translation>
    </message>
    <message>
        <source>Weights seed %1</source>
        <translation>权重种子 %1</translation>
    </message>
    <message>
        <source>More settings</source>
        <translation>更多设置</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Dropout rate</source>
        <translation>丢弃率（Dropout）</translation>
    </message>
    <message>
        <source>Batch norm</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <source>Learning-rate schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>N (epochs)</source>
        <translation>N（轮）</translation>
    </message>
    <message>
        <source>Warm-up (epochs)</source>
        <translation>预热（轮）</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Stop after (epochs)</source>
        <translation>训练轮数上限</translation>
    </message>
    <message>
        <source>after</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Stop when the test loss has not improved for this many epochs, and go back to the best weights</source>
        <translation>测试损失连续这么多轮没有改善就停止，并回到最佳权重</translation>
    </message>
    <message>
        <source>on</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Normalize each hidden layer&apos;s inputs over the batch</source>
        <translation>在每个批次上对每个隐藏层的输入做归一化</translation>
    </message>
    <message>
        <source>Grow the learning rate linearly over the first epochs (0 = no warm-up)</source>
        <translation>在最初几轮里让学习率线性增长（0 表示不预热）</translation>
    </message>
    <message>
        <source>Squared error with a tanh output, as in TensorFlow Playground, or cross-entropy with a sigmoid/softmax output</source>
        <translation>平方误差配 tanh 输出（与 TensorFlow Playground 相同），或交叉熵配 sigmoid/softmax 输出</translation>
    </message>
    <message>
        <source>Reset with new weights</source>
        <translation>换新权重重置</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <source>Run (Space)</source>
        <translation>运行（空格）</translation>
    </message>
    <message>
        <source>Reset to the same initial weights (R); the arrow offers new weights</source>
        <translation>重置为相同的初始权重（R）；点箭头可换新权重</translation>
    </message>
    <message>
        <source>Reset to the same initial weights</source>
        <translation>重置为相同的初始权重</translation>
    </message>
    <message>
        <source>Reset with new weights</source>
        <translation>换新权重重置</translation>
    </message>
    <message>
        <source>One epoch (→)</source>
        <translation>训练一轮（→）</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>正则化</translation>
    </message>
    <message>
        <source>Regularization rate</source>
        <translation>正则化率</translation>
    </message>
    <message>
        <source>Problem type</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <source>The activation of every hidden layer (each layer can have its own: use the menu above the layer)</source>
        <translation>所有隐藏层的激活函数（也可以在每层上方的菜单里单独设置）</translation>
    </message>
</context>
</TS>
