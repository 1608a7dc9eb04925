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
    <name>ErrorReporter</name>
    <message>
        <source>Copy details</source>
        <translation>复制详情</translation>
    </message>
    <message>
        <source>No log file could be written.</source>
        <translation>无法写入日志文件。</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Something went wrong inside Tunewatch. Your task list is safe and Tunewatch keeps running. If it happens again, please send these details (they never contain your API keys).</source>
        <translation>Tunewatch 内部出了点问题。你的任务列表安然无恙，Tunewatch 会继续运行。如果再次发生，请把以下详情发给我们（其中绝不包含你的 API 密钥）。</translation>
    </message>
    <message>
        <source>The log is in {path}</source>
        <translation>日志位于 {path}</translation>
    </message>
    <message>
        <source>This happened {count} times since Tunewatch started.</source>
        <translation>自 Tunewatch 启动以来已发生 {count} 次。</translation>
    </message>
    <message>
        <source>Tunewatch: unexpected error</source>
        <translation>Tunewatch：意外错误</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About Tunewatch</source>
        <translation>关于 Tunewatch</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Could not open {folder}</source>
        <translation>无法打开 {folder}</translation>
    </message>
    <message>
        <source>Cover cache</source>
        <translation>封面缓存</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Kept tracks</source>
        <translation>保存的曲目</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <source>Tunewatch follows AI-music generation tasks live.</source>
        <translation>Tunewatch 实时跟踪 AI 音乐生成任务。</translation>
    </message>
    <message>
        <source>Where your data lives:</source>
        <translation>数据存放位置：</translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add the task IDs in the box (Enter)</source>
        <translation>添加输入框中的任务 ID（回车）</translation>
    </message>
    <message>
        <source>Auto (ask each account)</source>
        <translation>自动（逐个询问账户）</translation>
    </message>
    <message>
        <source>Paste a task ID first.</source>
        <translation>请先粘贴一个任务 ID。</translation>
    </message>
    <message>
        <source>Paste a task ID into the box first</source>
        <translation>请先在输入框中粘贴任务 ID</translation>
    </message>
    <message>
        <source>Paste task IDs… (one or many, or a whole JSON response)</source>
        <translation>粘贴任务 ID…（一个或多个，或整段 JSON 应答）</translation>
    </message>
</context>
<context>
    <name>InstanceServer</name>
    <message>
        <source>Tunewatch could not open its hand-over socket ({why}); another launch will open a second window instead of adding its tasks here.</source>
        <translation>Tunewatch 无法打开交接套接字（{why}）；再次启动时会另开一个窗口，而不是把任务添加到这里。</translation>
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
        <source>Add task IDs from the clipboard</source>
        <translation>从剪贴板添加任务 ID</translation>
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
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
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
    <name>Notifier</name>
    <message>
        <source>Finished: {name}</source>
        <translation>已完成：{name}</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Show Tunewatch</source>
        <translation>显示 Tunewatch</translation>
    </message>
    <message>
        <source>Tunewatch — {counts}</source>
        <translation>Tunewatch — {counts}</translation>
    </message>
    <message>
        <source>{provider} · 1 result ready</source>
        <translation>{provider} · 1 个结果已就绪</translation>
    </message>
    <message>
        <source>{provider} · no files ready</source>
        <translation>{provider} · 没有可用的文件</translation>
    </message>
    <message>
        <source>{provider} · {count} results ready</source>
        <translation>{provider} · {count} 个结果已就绪</translation>
    </message>
    <message>
        <source>{provider} · {reason}</source>
        <translation>{provider} · {reason}</translation>
    </message>
    <message>
        <source>{state}: {name}</source>
        <translation>{state}：{name}</translation>
    </message>
</context>
<context>
    <name>Playback</name>
    <message>
        <source>This clip</source>
        <translation>此曲目</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>“{title}” has no audio to play yet.</source>
        <translation>“{title}”还没有可播放的音频。</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>Playback is unavailable: QtMultimedia could not be loaded ({error}).</source>
        <translation>无法播放：QtMultimedia 加载失败（{error}）。</translation>
    </message>
    <message>
        <source>This clip</source>
        <translation>此曲目</translation>
    </message>
    <message>
        <source>no detail</source>
        <translation>无详情</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>{what} could not be played: its format is not supported ({detail}).</source>
        <translation>{what}无法播放：不支持该格式（{detail}）。</translation>
    </message>
    <message>
        <source>{what} could not be played: the file could not be opened ({detail}).</source>
        <translation>{what}无法播放：文件无法打开（{detail}）。</translation>
    </message>
    <message>
        <source>{what} could not be played: the file {path} is missing.</source>
        <translation>{what}无法播放：文件 {path} 不存在。</translation>
    </message>
    <message>
        <source>{what} could not be played: the link could not be opened; it may have expired, or the server is unreachable. Check the task again for a fresh one.</source>
        <translation>{what}无法播放：链接无法打开，可能已过期，或服务器无法访问。请重新查询该任务以获取新链接。</translation>
    </message>
    <message>
        <source>{what} could not be played: the link has expired. Check the task again for a fresh one.</source>
        <translation>{what}无法播放：链接已过期。请重新查询该任务以获取新链接。</translation>
    </message>
    <message>
        <source>{what} could not be played: the network failed ({detail}).</source>
        <translation>{what}无法播放：网络出错（{detail}）。</translation>
    </message>
    <message>
        <source>{what} could not be played: {detail}.</source>
        <translation>{what}无法播放：{detail}。</translation>
    </message>
    <message>
        <source>“{title}”</source>
        <translation>“{title}”</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>Compare A/B</source>
        <translation>A/B 对比</translation>
    </message>
    <message>
        <source>Mark this variation as the one to keep</source>
        <translation>将此版本标记为要保留的版本</translation>
    </message>
    <message>
        <source>Next clip</source>
        <translation>下一首</translation>
    </message>
    <message>
        <source>Nothing playing</source>
        <translation>未在播放</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>播放（空格）</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <source>Play a song first: Compare A/B then switches between its variations</source>
        <translation>请先播放一首歌曲：之后 A/B 对比可在它的各个版本之间切换</translation>
    </message>
    <message>
        <source>Play a variation first, then star it as the keeper</source>
        <translation>请先播放一个版本，再将其标星为保留版本</translation>
    </message>
    <message>
        <source>Previous clip</source>
        <translation>上一首</translation>
    </message>
    <message>
        <source>Switch to the other variation at the same position</source>
        <translation>在同一位置切换到另一个版本</translation>
    </message>
    <message>
        <source>This task has only one variation: there is nothing to compare it with</source>
        <translation>此任务只有一个版本：没有可对比的对象</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>{title} — preview</source>
        <translation>{title} — 预览</translation>
    </message>
    <message>
        <source>{title} — saved locally</source>
        <translation>{title} — 本地副本</translation>
    </message>
    <message>
        <source>★ Keeper</source>
        <translation>★ 保留</translation>
    </message>
    <message>
        <source>☆ Keeper</source>
        <translation>☆ 保留</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <source> {provider} said: “{message}”</source>
        <translation>{provider} 返回：“{message}”</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>Producer download links are temporary: save them promptly.</source>
        <translation>Producer 的下载链接是临时的：请及时保存。</translation>
    </message>
    <message>
        <source>Suno CDN links are not documented to expire, but stream links end.</source>
        <translation>Suno CDN 链接没有写明会过期，但流式链接会失效。</translation>
    </message>
    <message>
        <source>The task failed.</source>
        <translation>任务失败。</translation>
    </message>
    <message>
        <source>The task timed out.</source>
        <translation>任务超时。</translation>
    </message>
    <message>
        <source>The task was cancelled.</source>
        <translation>任务已取消。</translation>
    </message>
    <message>
        <source>code {code}</source>
        <translation>错误代码 {code}</translation>
    </message>
    <message>
        <source>credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>sunor.cc audio links expire after about 7 days.</source>
        <translation>sunor.cc 的音频链接约 7 天后过期。</translation>
    </message>
    <message>
        <source>trace id {trace_id}</source>
        <translation>追踪 ID {trace_id}</translation>
    </message>
    <message>
        <source>{amount} frozen</source>
        <translation>冻结 {amount}</translation>
    </message>
    <message>
        <source>{message} ({details})</source>
        <translation>{message}（{details}）</translation>
    </message>
    <message>
        <source>{message} Try again in {seconds} s.</source>
        <translation>{message}请在 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>{provider} answered with something that is not JSON.</source>
        <translation>{provider} 返回的内容不是 JSON。</translation>
    </message>
    <message>
        <source>{provider} does not know this task.{said}</source>
        <translation>{provider} 找不到这个任务。{said}</translation>
    </message>
    <message>
        <source>{provider} had a server problem.{said}</source>
        <translation>{provider} 服务器出现问题。{said}</translation>
    </message>
    <message>
        <source>{provider} is rate limiting requests. Try again in {seconds} s.{said}</source>
        <translation>{provider} 正在限制请求频率，请在 {seconds} 秒后重试。{said}</translation>
    </message>
    <message>
        <source>{provider} is rate limiting requests.{said}</source>
        <translation>{provider} 正在限制请求频率。{said}</translation>
    </message>
    <message>
        <source>{provider} refused the API key.{said}</source>
        <translation>{provider} 拒绝了该 API 密钥。{said}</translation>
    </message>
    <message>
        <source>{provider} rejected the request.{said}</source>
        <translation>{provider} 拒绝了该请求。{said}</translation>
    </message>
    <message>
        <source>{provider} sent a balance Tunewatch could not read.</source>
        <translation>{provider} 返回的余额 Tunewatch 无法读取。</translation>
    </message>
    <message>
        <source>{provider} sent a status that is not a JSON object.</source>
        <translation>{provider} 返回的状态不是 JSON 对象。</translation>
    </message>
    <message>
        <source>{provider} sent a status without task data.</source>
        <translation>{provider} 返回的状态中没有任务数据。</translation>
    </message>
    <message>
        <source>{provider} sent an answer Tunewatch could not read.</source>
        <translation>{provider} 返回的应答 Tunewatch 无法读取。</translation>
    </message>
    <message>
        <source>{provider} sent no balance.</source>
        <translation>{provider} 没有返回余额。</translation>
    </message>
    <message>
        <source>{provider} sent no credit balance.</source>
        <translation>{provider} 没有返回积分余额。</translation>
    </message>
    <message>
        <source>{provider}: not enough credits.{said}</source>
        <translation>{provider}：积分不足。{said}</translation>
    </message>
    <message>
        <source>{provider}: the generation failed.</source>
        <translation>{provider}：生成失败。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>Album tag</source>
        <translation>专辑标签</translation>
    </message>
    <message>
        <source>Artist tag</source>
        <translation>艺术家标签</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>Check every</source>
        <translation>查询间隔</translation>
    </message>
    <message>
        <source>Checking the system keyring…</source>
        <translation>正在检查系统密钥环…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>下载文件夹</translation>
    </message>
    <message>
        <source>File names</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>Files and notifications</source>
        <translation>文件与通知</translation>
    </message>
    <message>
        <source>Keep finished tracks: save them locally as soon as they are ready</source>
        <translation>保留已完成的曲目：一旦就绪立即保存到本地</translation>
    </message>
    <message>
        <source>Keys are stored in: {where}</source>
        <translation>密钥存放于：{where}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Notify me when a task finishes or fails</source>
        <translation>任务完成或失败时通知我</translation>
    </message>
    <message>
        <source>Paste a new key to replace the stored one</source>
        <translation>粘贴新密钥以替换已保存的密钥</translation>
    </message>
    <message>
        <source>Placeholders: {placeholders}</source>
        <translation>可用占位符：{placeholders}</translation>
    </message>
    <message>
        <source>Provider&apos;s advice (with back-off)</source>
        <translation>按服务商建议（逐步放缓）</translation>
    </message>
    <message>
        <source>Remove key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Takes effect when Tunewatch restarts.</source>
        <translation>重启 Tunewatch 后生效。</translation>
    </message>
    <message>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <source>The provider&apos;s name</source>
        <translation>服务商名称</translation>
    </message>
    <message>
        <source>The stored key will be removed when you save.</source>
        <translation>保存时将删除已存储的密钥。</translation>
    </message>
    <message>
        <source>Tunewatch settings</source>
        <translation>Tunewatch 设置</translation>
    </message>
    <message>
        <source>Your Music folder</source>
        <translation>你的“音乐”文件夹</translation>
    </message>
</context>
<context>
    <name>SettingsFlow</name>
    <message>
        <source>Asking for the balance…</source>
        <translation>正在查询余额…</translation>
    </message>
    <message>
        <source>Not set. Without a keyring, set {variable} in the environment.</source>
        <translation>未设置。没有密钥环时，请在环境变量中设置 {variable}。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>The demo uses built-in keys for its fake server; your keys are not used.</source>
        <translation>演示使用内置密钥访问其模拟服务器；不会使用你的密钥。</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>无法保存设置：{reason}</translation>
    </message>
    <message>
        <source>There is no key to test: paste one first.</source>
        <translation>没有可测试的密钥：请先粘贴一个。</translation>
    </message>
    <message>
        <source>demo key</source>
        <translation>演示密钥</translation>
    </message>
    <message>
        <source>✔ The key works. Balance: {amount} {unit} ({detail}).</source>
        <translation>✔ 密钥可用。余额：{amount} {unit}（{detail}）。</translation>
    </message>
    <message>
        <source>✔ The key works. Balance: {amount} {unit}.</source>
        <translation>✔ 密钥可用。余额：{amount} {unit}。</translation>
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
    <name>TableEmptyState</name>
    <message>
        <source>No task matches these filters</source>
        <translation>没有符合这些筛选条件的任务</translation>
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
        <source>Paste a task ID into the box above — one or many, or a whole JSON answer from the provider — or press Ctrl+V anywhere in the window, or drop text here. Tunewatch then follows each task until its music is ready.</source>
        <translation>把任务 ID 粘贴到上方的输入框——一个或多个都行，也可以是服务商返回的整段 JSON——或在窗口任意位置按 Ctrl+V，或把文本拖到这里。Tunewatch 会一直跟踪每个任务，直到音乐生成完毕。</translation>
    </message>
    <message>
        <source>Show all tasks</source>
        <translation>显示全部任务</translation>
    </message>
    <message>
        <source>The state, provider or text filter hides every task.</source>
        <translation>状态、服务商或文本筛选把所有任务都隐藏了。</translation>
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
    <name>TaskActionRunner</name>
    <message>
        <source>Removed {count} tasks: {names}.</source>
        <translation>已移除 {count} 个任务：{names}。</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 等另外 {count} 个</translation>
    </message>
</context>
<context>
    <name>TaskAdder</name>
    <message>
        <source>Already tracked: {names}.</source>
        <translation>已在跟踪：{names}。</translation>
    </message>
    <message>
        <source>No account knows {ids}.</source>
        <translation>没有任何账户认识 {ids}。</translation>
    </message>
    <message>
        <source>Not task IDs, so not looked up: {pieces}.</source>
        <translation>以下不是任务 ID，未查询：{pieces}。</translation>
    </message>
    <message>
        <source>To add one anyway, choose its provider.</source>
        <translation>如仍要添加，请选择它的服务商。</translation>
    </message>
</context>
<context>
    <name>TaskListTransfer</name>
    <message>
        <source>Export selected tasks…</source>
        <translation>导出所选任务…</translation>
    </message>
    <message>
        <source>Export task list</source>
        <translation>导出任务列表</translation>
    </message>
    <message>
        <source>Export task list…</source>
        <translation>导出任务列表…</translation>
    </message>
    <message>
        <source>Exported {count} task(s) to {path}.</source>
        <translation>已将 {count} 个任务导出到 {path}。</translation>
    </message>
    <message>
        <source>Import task list</source>
        <translation>导入任务列表</translation>
    </message>
    <message>
        <source>Import task list…</source>
        <translation>导入任务列表…</translation>
    </message>
    <message>
        <source>Imported {name}: {added} added, {merged} merged with tasks already here, {skipped} skipped (nothing new).</source>
        <translation>已导入 {name}：新增 {added} 个，与现有任务合并 {merged} 个，跳过 {skipped} 个（没有新内容）。</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <source>The task list could not be written to {path}: {reason}</source>
        <translation>无法将任务列表写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>There are no tasks to export.</source>
        <translation>没有可导出的任务。</translation>
    </message>
    <message>
        <source>{path} could not be read: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} was not imported; your task list is unchanged.

{reason}</source>
        <translation>{path} 未导入；你的任务列表没有变化。

{reason}</translation>
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
        <source>Queued for check</source>
        <translation>排队等待查询</translation>
    </message>
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
