<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Lab</name>
    <message>
        <source>This lab has nothing to save.</source>
        <translation>此实验没有可保存的内容。</translation>
    </message>
    <message>
        <source>This lab has nothing to open.</source>
        <translation>此实验没有可打开的内容。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Some labs failed to load: %1</source>
        <translation>有些实验无法加载：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save Screens&amp;hot…</source>
        <translation>保存截图(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation>实验(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Descent Lab</source>
        <translation>关于梯度下降实验室(&amp;A)</translation>
    </message>
    <message>
        <source>No labs are installed.</source>
        <translation>没有安装任何实验。</translation>
    </message>
    <message>
        <source>Loading the labs…</source>
        <translation>正在加载实验…</translation>
    </message>
    <message>
        <source>Descent Lab</source>
        <translation>梯度下降实验室</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Could not save the file</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>保存截图</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not save the screenshot</source>
        <translation>无法保存截图</translation>
    </message>
    <message>
        <source>the image could not be written</source>
        <translation>无法写入图像</translation>
    </message>
    <message>
        <source>About Descent Lab</source>
        <translation>关于梯度下降实验室</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Descent Lab&lt;/h3&gt;&lt;p&gt;See how neural networks learn, live.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Keyboard&lt;/b&gt;&lt;br&gt;Space: run / pause&lt;br&gt;→ or S: one step&lt;br&gt;R: reset&lt;br&gt;F5: presentation mode&lt;br&gt;F11: full screen&lt;br&gt;F12: screenshot&lt;br&gt;Ctrl+S / Ctrl+O: save / open&lt;/p&gt;</source>
        <translation>&lt;h3&gt;梯度下降实验室&lt;/h3&gt;&lt;p&gt;实时观察神经网络如何学习。&lt;/p&gt;&lt;p&gt;&lt;b&gt;键盘快捷键&lt;/b&gt;&lt;br&gt;空格：运行 / 暂停&lt;br&gt;→ 或 S：前进一步&lt;br&gt;R：重置&lt;br&gt;F5：演示模式&lt;br&gt;F11：全屏&lt;br&gt;F12：截图&lt;br&gt;Ctrl+S / Ctrl+O：保存 / 打开&lt;/p&gt;</translation>
    </message>
</context>
</TS>
