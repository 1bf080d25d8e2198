<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BackpropPage</name>
    <message>
        <source>Type a number (like 0.5 or -2); %1 keeps its last value.</source>
        <translation>请输入一个数（例如 0.5 或 -2）；%1 保留原来的值。</translation>
    </message>
    <message>
        <source>X (input)</source>
        <translation>X（输入）</translation>
    </message>
    <message>
        <source>y (target)</source>
        <translation>y（目标）</translation>
    </message>
    <message>
        <source>Press Forward to compute every value from X to L. Every white field can be edited: the inputs, the target and each weight.</source>
        <translation>按“前向”计算从 X 到 L 的每一个值。所有白色输入框都可以编辑：输入、目标和每个权重。</translation>
    </message>
    <message>
        <source>Forward pass done: L = %1. Now walk backward, one node at a time, from the loss toward the input.</source>
        <translation>前向传播完成：L = %1。现在从损失出发，一次一个节点，向输入方向反向走。</translation>
    </message>
    <message>
        <source>Backward step %1 of %2. Each gradient is the gradient already known one node closer to L, times the local derivative (the chain rule).</source>
        <translation>反向第 %1 步，共 %2 步。每个梯度都等于离 L 更近一个节点处已知的梯度，乘以本地导数（链式法则）。</translation>
    </message>
    <message>
        <source>Every gradient is known. Update moves each weight against its gradient: W ← W − α·∂L/∂W.</source>
        <translation>所有梯度都已求出。更新会让每个权重沿梯度的反方向移动：W ← W − α·∂L/∂W。</translation>
    </message>
    <message>
        <source>The weights moved against their gradients. Press Forward again: the loss was %1 before the update.</source>
        <translation>权重已沿梯度的反方向移动。再按一次“前向”：更新前的损失是 %1。</translation>
    </message>
    <message>
        <source>(Before the last update it was %1.)</source>
        <translation>（上次更新前是 %1。）</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Hidden activation f</source>
        <translation>隐藏层激活函数 f</translation>
    </message>
    <message>
        <source>Learning rate α</source>
        <translation>学习率 α</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>Backward one node</source>
        <translation>反向一个节点</translation>
    </message>
    <message>
        <source>Backward to the input</source>
        <translation>反向直到输入</translation>
    </message>
    <message>
        <source>Update the weights</source>
        <translation>更新权重</translation>
    </message>
    <message>
        <source>Back to the example</source>
        <translation>恢复示例</translation>
    </message>
    <message>
        <source>Chain rule, step by step</source>
        <translation>链式法则，一步一步</translation>
    </message>
</context>
<context>
    <name>FlowControls</name>
    <message>
        <source>These settings cannot be used: %1</source>
        <translation>这些设置无法使用：%1</translation>
    </message>
    <message>
        <source>Residual connections need depth 3 or more: a skip connection joins two hidden layers of the same width.</source>
        <translation>残差连接需要深度至少为 3：跳跃连接要连接两个宽度相同的隐藏层。</translation>
    </message>
    <message>
        <source>Each hidden layer after the first adds its input to its output: x + F(x).</source>
        <translation>第一层之后的每个隐藏层都把输入加到输出上：x + F(x)。</translation>
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
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Depth (weight layers)</source>
        <translation>深度（权重层数）</translation>
    </message>
    <message>
        <source>Width (units per hidden layer)</source>
        <translation>宽度（每个隐藏层的单元数）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Largest gradient norm</source>
        <translation>梯度范数上限</translation>
    </message>
    <message>
        <source>Epochs per layer</source>
        <translation>每层的轮数</translation>
    </message>
    <message>
        <source>Batch normalization</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <source>Residual connections</source>
        <translation>残差连接</translation>
    </message>
    <message>
        <source>Clip gradients by norm</source>
        <translation>按范数裁剪梯度</translation>
    </message>
    <message>
        <source>Pretrain layer by layer</source>
        <translation>逐层预训练</translation>
    </message>
    <message>
        <source>Greedy layer-wise pretraining: each hidden layer, from the input up, first learns to reconstruct its input as an autoencoder; then the whole network is fine-tuned.</source>
        <translation>贪心逐层预训练：从输入开始，每个隐藏层先作为自编码器学习重构自己的输入；然后对整个网络进行微调。</translation>
    </message>
    <message>
        <source>Two settings side by side</source>
        <translation>两种设置并排对比</translation>
    </message>
    <message>
        <source>Compare sigmoid + N(0, 0.01²)
with ReLU + He + batch norm</source>
        <translation>对比 sigmoid + N(0, 0.01²)
与 ReLU + He + 批归一化</translation>
    </message>
    <message>
        <source>Settings shown are for:</source>
        <translation>当前显示的设置属于：</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
</context>
<context>
    <name>FlowPage</name>
    <message>
        <source>Building the networks…</source>
        <translation>正在构建网络……</translation>
    </message>
    <message>
        <source>The engine stopped with an error: %1</source>
        <translation>计算引擎出错停止：%1</translation>
    </message>
</context>
<context>
    <name>GradientsLab</name>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Backpropagation step by step</source>
        <translation>一步一步反向传播</translation>
    </message>
    <message>
        <source>Vanishing and exploding gradients</source>
        <translation>梯度消失与梯度爆炸</translation>
    </message>
</context>
<context>
    <name>GradientsTexts</name>
    <message>
        <source>Linear (none)</source>
        <translation>线性（无）</translation>
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
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>Xavier (Glorot)</source>
        <translation>Xavier（Glorot）</translation>
    </message>
    <message>
        <source>He (Kaiming)</source>
        <translation>He（何恺明）</translation>
    </message>
    <message>
        <source>Uniform ±1/√n</source>
        <translation>均匀分布 ±1/√n</translation>
    </message>
    <message>
        <source>Xavier</source>
        <translation>Xavier</translation>
    </message>
    <message>
        <source>He</source>
        <translation>He</translation>
    </message>
    <message>
        <source>Handwritten digits (784 → 10)</source>
        <translation>手写数字（784 → 10）</translation>
    </message>
    <message>
        <source>Playground: circle</source>
        <translation>Playground：圆形</translation>
    </message>
    <message>
        <source>Playground: exclusive or</source>
        <translation>Playground：异或</translation>
    </message>
    <message>
        <source>Playground: two Gaussians</source>
        <translation>Playground：两个高斯簇</translation>
    </message>
    <message>
        <source>Playground: spiral</source>
        <translation>Playground：螺旋</translation>
    </message>
    <message>
        <source>Playground: two moons</source>
        <translation>Playground：双月</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Not a number: this cell keeps its last value.</source>
        <translation>不是数字：这个格子保留原来的值。</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source>batch norm</source>
        <translation>批归一化</translation>
    </message>
    <message>
        <source>residual</source>
        <translation>残差</translation>
    </message>
    <message>
        <source>clip at %1</source>
        <translation>裁剪到 %1</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>已预训练</translation>
    </message>
    <message>
        <source>exploding: every layer&apos;s gradient is huge</source>
        <translation>爆炸：每一层的梯度都极大</translation>
    </message>
    <message>
        <source>vanishing toward the input</source>
        <translation>越靠近输入越小（梯度消失）</translation>
    </message>
    <message>
        <source>growing toward the input</source>
        <translation>越靠近输入越大</translation>
    </message>
    <message>
        <source>balanced</source>
        <translation>均衡</translation>
    </message>
    <message>
        <source>Pretraining hidden layer %1 of %2 as an autoencoder; reconstruction loss %3</source>
        <translation>正在把第 %1 个隐藏层（共 %2 个）作为自编码器预训练；重构损失 %3</translation>
    </message>
    <message>
        <source>Training diverged at step %1: the loss became infinite or not a number. Lower the learning rate, clip the gradients, or change the initial weights, then reset.</source>
        <translation>训练在第 %1 步发散：损失变成了无穷大或非数值。请降低学习率、裁剪梯度或更换初始权重，然后重置。</translation>
    </message>
    <message>
        <source>Step %1 · epoch %2 · loss %3 (validation %4) · accuracy %5 %</source>
        <translation>第 %1 步 · 第 %2 轮 · 损失 %3（验证集 %4）· 准确率 %5 %</translation>
    </message>
    <message>
        <source>Gradient |∂L/∂W| per layer</source>
        <translation>各层的梯度 |∂L/∂W|</translation>
    </message>
    <message>
        <source>Output per hidden layer</source>
        <translation>各隐藏层的输出</translation>
    </message>
    <message>
        <source>|output|</source>
        <translation>|输出|</translation>
    </message>
    <message>
        <source>output value</source>
        <translation>输出值</translation>
    </message>
    <message>
        <source>‖∂L/∂W‖ per layer</source>
        <translation>各层的 ‖∂L/∂W‖</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>Update ‖ΔW‖ / ‖W‖</source>
        <translation>更新量 ‖ΔW‖ / ‖W‖</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
</context>
</TS>
