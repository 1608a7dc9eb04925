<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountProblemBanner</name>
    <message>
        <source>Fix…</source>
        <translation>修复…</translation>
    </message>
    <message>
        <source>{problem} (+{more} more)</source>
        <translation>{problem}（另有 {more} 条）</translation>
    </message>
</context>
<context>
    <name>ClipCard</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Lyrics</source>
        <translation>歌词</translation>
    </message>
    <message>
        <source>Show file</source>
        <translation>显示文件</translation>
    </message>
    <message>
        <source>Starred as the keeper</source>
        <translation>已标星为保留版本</translation>
    </message>
    <message>
        <source>Stem: {name}</source>
        <translation>分轨：{name}</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>preview only — the final file is not ready yet</source>
        <translation>仅有预览 — 最终文件尚未就绪</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>▶ Play preview</source>
        <translation>▶ 播放预览</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>  ({provider} says “{status}”)</source>
        <translation>（{provider} 状态：“{status}”）</translation>
    </message>
    <message>
        <source> · next check: {when}</source>
        <translation> · 下次查询：{when}</translation>
    </message>
    <message>
        <source>1 result</source>
        <translation>1 个结果</translation>
    </message>
    <message>
        <source>Added: {time}</source>
        <translation>添加于：{time}</translation>
    </message>
    <message>
        <source>Copy ID</source>
        <translation>复制 ID</translation>
    </message>
    <message>
        <source>Error code: {code}</source>
        <translation>错误代码：{code}</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>状态历史：</translation>
    </message>
    <message>
        <source>Paused by you. Resume to keep checking.</source>
        <translation>已由你暂停。继续后将恢复查询。</translation>
    </message>
    <message>
        <source>Select a task to see its details.</source>
        <translation>选择一个任务以查看详情。</translation>
    </message>
    <message>
        <source>Task type: {type}</source>
        <translation>任务类型：{type}</translation>
    </message>
    <message>
        <source>Task {id}</source>
        <translation>任务 {id}</translation>
    </message>
    <message>
        <source>The provider returned no files for this task.</source>
        <translation>服务商没有为此任务返回任何文件。</translation>
    </message>
    <message>
        <source>Trace ID: {trace_id} (support asks for it)</source>
        <translation>追踪 ID：{trace_id}（联系客服时请提供）</translation>
    </message>
    <message>
        <source>{count} results</source>
        <translation>{count} 个结果</translation>
    </message>
    <message>
        <source>{provider} refunds the credits of failed and timed-out tasks.</source>
        <translation>{provider} 会退还失败和超时任务的积分。</translation>
    </message>
    <message>
        <source>▶ Playing</source>
        <translation>▶ 正在播放</translation>
    </message>
    <message>
        <source>▶ Playing (saved copy)</source>
        <translation>▶ 正在播放（本地副本）</translation>
    </message>
    <message>
        <source>▶ Playing the preview</source>
        <translation>▶ 正在播放预览</translation>
    </message>
    <message>
        <source>✔ Saved locally: plays even after the link expires</source>
        <translation>✔ 已保存到本地：链接过期后仍可播放</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Tasks</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>Add IDs from clipboard</source>
        <translation>从剪贴板添加 ID</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>全部服务商</translation>
    </message>
    <message>
        <source>Filter by ID, title or tags</source>
        <translation>按 ID、标题或标签筛选</translation>
    </message>
    <message>
        <source>No tasks yet</source>
        <translation>还没有任务</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>全部暂停</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>全部继续</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>The clipboard holds no text to read task IDs from.</source>
        <translation>剪贴板中没有可读取任务 ID 的文本。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>{group} ({count})</source>
        <translation>{group} ({count})</translation>
    </message>
</context>
<context>
    <name>StateGroup</name>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>{active} active · {finished} finished · {failed} failed</source>
        <translation>{active} 个进行中 · {finished} 个已完成 · {failed} 个失败</translation>
    </message>
</context>
<context>
    <name>TaskAction</name>
    <message>
        <source>Check now</source>
        <translation>立即查询</translation>
    </message>
    <message>
        <source>Copy raw JSON</source>
        <translation>复制原始 JSON</translation>
    </message>
    <message>
        <source>Copy task ID</source>
        <translation>复制任务 ID</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>TaskState</name>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Streaming preview</source>
        <translation>可试听预览</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>超时</translation>
    </message>
</context>
<context>
    <name>TaskTable</name>
    <message>
        <source>%b %d %H:%M</source>
        <translation>%m月%d日 %H:%M</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>曲目</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时</translation>
    </message>
    <message>
        <source>Next check</source>
        <translation>下次查询</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>服务商</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
</context>
<context>
    <name>TaskText</name>
    <message>
        <source>Waiting for first check</source>
        <translation>等待首次查询</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>查询中…</translation>
    </message>
    <message>
        <source>given up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>in {time}</source>
        <translation>{time}后</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>paused: key problem</source>
        <translation>已暂停：密钥有问题</translation>
    </message>
    <message>
        <source>retrying in {time}</source>
        <translation>{time}后重试</translation>
    </message>
    <message>
        <source>retrying now</source>
        <translation>正在重试</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} 天</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
</context>
</TS>
