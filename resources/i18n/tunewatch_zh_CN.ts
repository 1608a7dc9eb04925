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
    <name>App</name>
    <message>
        <source>Add a key…</source>
        <translation>添加密钥…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo mode: these tasks come from a fake provider server running inside Tunewatch — no account, no network. They move through real timelines within about a minute. Your own tasks and keys are not touched.</source>
        <translation>演示模式：这些任务来自 Tunewatch 内置的模拟服务商服务器——无需账户，无需联网。它们会在大约一分钟内走完真实的流程。你自己的任务和密钥不受影响。</translation>
    </message>
    <message>
        <source>Loading your tasks…</source>
        <translation>正在载入你的任务…</translation>
    </message>
    <message>
        <source>No API key is configured yet: add one to check your own tasks, or look around the demo first.</source>
        <translation>尚未配置 API 密钥：添加一个即可查询你自己的任务，也可以先看看演示。</translation>
    </message>
    <message>
        <source>Welcome to Tunewatch. Paste a task ID from MountSea, sunor.cc or crun.ai above and watch it live. To check tasks, Tunewatch needs that service&apos;s API key: add it in Settings (it is kept in your system keyring). No key yet? Open the demo to see everything Tunewatch does.</source>
        <translation>欢迎使用 Tunewatch。在上方粘贴来自 MountSea、sunor.cc 或 crun.ai 的任务 ID，即可实时跟踪。查询任务需要该服务的 API 密钥：请在设置中添加（密钥保存在系统密钥环中）。还没有密钥？打开演示看看 Tunewatch 能做的一切。</translation>
    </message>
    <message>
        <source>handed over to the Tunewatch window that is already open.</source>
        <translation>已交给已经打开的 Tunewatch 窗口。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>--base-url needs --provider: which account&apos;s address is it?</source>
        <translation>--base-url 需要同时指定 --provider：这是哪个账户的地址？</translation>
    </message>
    <message>
        <source>API base URL (https; http only on loopback); default: the provider&apos;s own</source>
        <translation>API 接口地址（https；仅本机回环地址可用 http）；默认：服务商自己的地址</translation>
    </message>
    <message>
        <source>Open the Tunewatch window (optionally with tasks added). Terminal commands: tunewatch {commands} --help.</source>
        <translation>打开 Tunewatch 窗口（可同时添加任务）。终端命令：tunewatch {commands} --help。</translation>
    </message>
    <message>
        <source>Track AI-music generation tasks.</source>
        <translation>跟踪 AI 音乐生成任务。</translation>
    </message>
    <message>
        <source>Without a command, `tunewatch [--provider P] [--base-url URL] [--demo] [TASK_ID ...]` opens the window (with those tasks added).</source>
        <translation>不带命令时，`tunewatch [--provider P] [--base-url URL] [--demo] [TASK_ID ...]` 会打开窗口（并添加这些任务）。</translation>
    </message>
    <message>
        <source>a task list (File → Export task list…, or list --json); - reads stdin</source>
        <translation>任务列表文件（文件 → 导出任务列表…，或 list --json 的输出）；- 表示从标准输入读取</translation>
    </message>
    <message>
        <source>album tag; default: the settings, else none</source>
        <translation>专辑标签；默认：设置中的值，否则不写</translation>
    </message>
    <message>
        <source>argument {name}: expected one argument</source>
        <translation>参数 {name}：需要一个值</translation>
    </message>
    <message>
        <source>argument {name}: invalid choice: {value} (choose from {choices})</source>
        <translation>参数 {name}：无效的选项 {value}（可选：{choices}）</translation>
    </message>
    <message>
        <source>argument {name}: invalid float value: {value}</source>
        <translation>参数 {name}：无效的数值 {value}</translation>
    </message>
    <message>
        <source>artist tag; default: the settings, else the provider</source>
        <translation>艺术家标签；默认：设置中的值，否则为服务商名称</translation>
    </message>
    <message>
        <source>check every SECONDS instead of the provider&apos;s advice (never faster than its per-task limit; rate limits still apply); default: the interval in Settings</source>
        <translation>每隔 SECONDS 秒查询一次，而不按服务商建议（不会快于其单任务限制；频率限制依然有效）；默认：设置中的间隔</translation>
    </message>
    <message>
        <source>check one task once</source>
        <translation>查询一次某个任务</translation>
    </message>
    <message>
        <source>export finished tasks to a folder</source>
        <translation>把已完成的任务导出到文件夹</translation>
    </message>
    <message>
        <source>file name template, e.g. {example} (placeholders: {placeholders})</source>
        <translation>文件名模板，例如 {example}（占位符：{placeholders}）</translation>
    </message>
    <message>
        <source>folder to export into; default: the folder in the settings, else Music/Tunewatch</source>
        <translation>导出到的文件夹；默认：设置中的文件夹，否则为 Music/Tunewatch</translation>
    </message>
    <message>
        <source>interrupted; the tasks stay tracked.</source>
        <translation>已中断；任务仍在跟踪列表中。</translation>
    </message>
    <message>
        <source>list the tracked tasks</source>
        <translation>列出正在跟踪的任务</translation>
    </message>
    <message>
        <source>log every step to standard error (DEBUG)</source>
        <translation>把每一步记录到标准错误输出（DEBUG）</translation>
    </message>
    <message>
        <source>merge a task list file into the tracked tasks</source>
        <translation>把任务列表文件合并到正在跟踪的任务中</translation>
    </message>
    <message>
        <source>one JSON object per state change</source>
        <translation>每次状态变化输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>open the demo (a fake provider inside the app)</source>
        <translation>打开演示（应用内置的模拟服务商）</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>print a JSON array</source>
        <translation>输出一个 JSON 数组</translation>
    </message>
    <message>
        <source>print one JSON object</source>
        <translation>输出一个 JSON 对象</translation>
    </message>
    <message>
        <source>put Tunewatch in the desktop&apos;s application menu for this user, then exit</source>
        <translation>为当前用户把 Tunewatch 加入桌面应用菜单，然后退出</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>tasks to add</source>
        <translation>要添加的任务</translation>
    </message>
    <message>
        <source>the following arguments are required: {names}</source>
        <translation>缺少必需的参数：{names}</translation>
    </message>
    <message>
        <source>the task ID the provider gave you</source>
        <translation>服务商给你的任务 ID</translation>
    </message>
    <message>
        <source>track tasks and follow them until they end</source>
        <translation>跟踪任务，直到它们结束</translation>
    </message>
    <message>
        <source>unrecognized arguments: {words}</source>
        <translation>无法识别的参数：{words}</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>which API the task belongs to</source>
        <translation>任务所属的 API</translation>
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
        <source>Variation {n}/{of}</source>
        <translation>版本 {n}/{of}</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>clip {id}</source>
        <translation>曲目 {id}</translation>
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
    <message>
        <source>▶ Resume</source>
        <translation>▶ 继续播放</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>The demo opens with: tunewatch --demo</source>
        <translation>用以下命令打开演示：tunewatch --demo</translation>
    </message>
    <message>
        <source>This is the demo.</source>
        <translation>这就是演示。</translation>
    </message>
</context>
<context>
    <name>DemoSession</name>
    <message>
        <source>Back to my tasks</source>
        <translation>返回我的任务</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Demo: these tasks come from a fake provider server running inside Tunewatch — no account, no network. They move through real timelines within about a minute. Your own tasks and keys are not touched, and are still checked while you look around.</source>
        <translation>演示模式：这些任务来自 Tunewatch 内置的模拟服务商服务器——无需账户，无需联网。它们会在大约一分钟内走完真实的流程。你自己的任务和密钥不受影响，在你浏览演示期间仍会照常查询。</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>  ({provider} says “{status}”)</source>
        <translation>（{provider} 状态：“{status}”）</translation>
    </message>
    <message>
        <source>  {clock}  {state}  (+{since} since added)</source>
        <translation>  {clock}  {state}  （添加后 +{since}）</translation>
    </message>
    <message>
        <source> (usually {range})</source>
        <translation>（通常 {range}）</translation>
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
        <source>Estimate: {eta}</source>
        <translation>预计：{eta}</translation>
    </message>
    <message>
        <source>History (time since added):</source>
        <translation>状态历史（自添加起的时间）：</translation>
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
    <message>
        <source>❚❚ Paused</source>
        <translation>❚❚ 已暂停</translation>
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
    <name>ExportRunner</name>
    <message>
        <source>An export is already running.</source>
        <translation>已有导出正在进行。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Copied {folder}</source>
        <translation>已复制 {folder}</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Could not keep “{name}” locally: {reason}</source>
        <translation>无法在本地保存“{name}”：{reason}</translation>
    </message>
    <message>
        <source>Could not open {folder}: no file manager answered.</source>
        <translation>无法打开 {folder}：没有文件管理器响应。</translation>
    </message>
    <message>
        <source>Export cancelled; no half-written file was left.</source>
        <translation>导出已取消；没有留下写了一半的文件。</translation>
    </message>
    <message>
        <source>Export to folder</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Exported 1 file to {folder}.</source>
        <translation>已导出 1 个文件到 {folder}。</translation>
    </message>
    <message>
        <source>Exported {count} files to {folder}.</source>
        <translation>已导出 {count} 个文件到 {folder}。</translation>
    </message>
    <message>
        <source>Nothing was exported.</source>
        <translation>没有导出任何内容。</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>The link expired and a fresh one could not be fetched: {reason}</source>
        <translation>链接已过期，且无法获取新链接：{reason}</translation>
    </message>
    <message>
        <source>The link expired and no API key is available to get a fresh one.</source>
        <translation>链接已过期，且没有可用于获取新链接的 API 密钥。</translation>
    </message>
    <message>
        <source>{name}: it has no files to export.</source>
        <translation>{name}：没有可导出的文件。</translation>
    </message>
    <message>
        <source>{name}: nothing to export yet.</source>
        <translation>{name}：暂时没有可导出的内容。</translation>
    </message>
    <message>
        <source>{name}: {reason}</source>
        <translation>{name}：{reason}</translation>
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
    <message>
        <source>{path} belongs to another user</source>
        <translation>{path} 属于其他用户</translation>
    </message>
    <message>
        <source>{path} is not a folder (a link or a file is in its place)</source>
        <translation>{path} 不是文件夹（那里是一个链接或文件）</translation>
    </message>
</context>
<context>
    <name>KeyFieldState</name>
    <message>
        <source>Ask the provider for the balance with the stored key</source>
        <translation>用已保存的密钥向服务商查询余额</translation>
    </message>
    <message>
        <source>Ask the provider for the balance with this key</source>
        <translation>用此密钥向服务商查询余额</translation>
    </message>
    <message>
        <source>Keys cannot be saved: no system keyring (GNOME Keyring, KWallet) is running.
Start one and open Settings again, or give each key in an environment variable ({variables}). For Tunewatch started from a menu, put a line such as TUNEWATCH_KEY_SUNOR=your-key into ~/.config/environment.d/tunewatch.conf and log in again.</source>
        <translation>无法保存密钥：没有正在运行的系统密钥环（GNOME Keyring、KWallet）。
请启动一个密钥环后重新打开设置，或通过环境变量（{variables}）提供各个密钥。若 Tunewatch 是从菜单启动的，请在 ~/.config/environment.d/tunewatch.conf 中写入一行，例如 TUNEWATCH_KEY_SUNOR=你的密钥，然后重新登录。</translation>
    </message>
    <message>
        <source>No key is stored</source>
        <translation>尚未保存密钥</translation>
    </message>
    <message>
        <source>No keyring: set {variable} instead</source>
        <translation>没有密钥环：请改为设置 {variable}</translation>
    </message>
    <message>
        <source>Not set.</source>
        <translation>未设置。</translation>
    </message>
    <message>
        <source>Not set. Set {variable} (see above).</source>
        <translation>未设置。请设置 {variable}（见上文）。</translation>
    </message>
    <message>
        <source>Paste a key first, then test it</source>
        <translation>请先粘贴密钥，再进行测试</translation>
    </message>
    <message>
        <source>Paste a new key to replace the stored one</source>
        <translation>粘贴新密钥以替换已保存的密钥</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>粘贴 API 密钥</translation>
    </message>
    <message>
        <source>Remove the stored key when you save</source>
        <translation>保存时移除已保存的密钥</translation>
    </message>
    <message>
        <source>Set by the environment variable {variable}.</source>
        <translation>由环境变量 {variable} 设置。</translation>
    </message>
    <message>
        <source>Set by {variable}</source>
        <translation>由 {variable} 设置</translation>
    </message>
    <message>
        <source>Stored in {keyring}.</source>
        <translation>保存在 {keyring} 中。</translation>
    </message>
    <message>
        <source>The key comes from {variable}: remove it from the environment instead</source>
        <translation>密钥来自 {variable}：请改为从环境变量中移除它</translation>
    </message>
    <message>
        <source>The keyring could not be read.</source>
        <translation>无法读取密钥环。</translation>
    </message>
    <message>
        <source>There is no key to test</source>
        <translation>没有可测试的密钥</translation>
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
    <message>
        <source>“{title}” is not played. {reason}</source>
        <translation>未播放“{title}”。{reason}</translation>
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
        <source>Autoplay</source>
        <translation>自动播放</translation>
    </message>
    <message>
        <source>Autoplay next: when a clip ends, play the task&apos;s next result (off: stop there)</source>
        <translation>自动播放下一首：一首播放完后，接着播放该任务的下一个结果（关闭：播完即停）</translation>
    </message>
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
        <source>No sound</source>
        <translation>无声音</translation>
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
        <source>This machine has no sound output (no sound card or sound server): clips play silently. Connect one, or start the sound server, to hear them.</source>
        <translation>这台机器没有声音输出（没有声卡或声音服务）：曲目会静音播放。请连接音频设备或启动声音服务后再收听。</translation>
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
        <translation>{provider} 返回：“{message}”。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>A task ID is at most {limit} characters; this is {length}.</source>
        <translation>任务 ID 最多 {limit} 个字符；这个有 {length} 个。</translation>
    </message>
    <message>
        <source>Could not reach {host}: {reason}.</source>
        <translation>无法连接 {host}：{reason}。</translation>
    </message>
    <message>
        <source>Could not reach {what}: the connection timed out.</source>
        <translation>无法连接 {what}：连接超时。</translation>
    </message>
    <message>
        <source>Could not reach {what}: {reason}.</source>
        <translation>无法连接 {what}：{reason}。</translation>
    </message>
    <message>
        <source>Could not talk to {what}: {reason}.</source>
        <translation>无法与 {what} 通信：{reason}。</translation>
    </message>
    <message>
        <source>Could not write to {folder}: {reason}.</source>
        <translation>无法写入 {folder}：{reason}。</translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>Install and unlock GNOME Keyring or KWallet, or set {env} in the environment.</source>
        <translation>请安装并解锁 GNOME 密钥环或 KWallet，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>Left out, not a task ID: {pieces} (IDs use letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos; and &apos;:&apos;).</source>
        <translation>已略过，不是任务 ID：{pieces}（ID 由字母、数字以及 &apos;-&apos;、&apos;_&apos;、&apos;.&apos;、&apos;:&apos; 组成）。</translation>
    </message>
    <message>
        <source>No API key for {account}.</source>
        <translation>没有 {account} 的 API 密钥。</translation>
    </message>
    <message>
        <source>No API key for {account}: add one in Settings to start checking.</source>
        <translation>没有 {account} 的 API 密钥：请在设置中添加一个以开始查询。</translation>
    </message>
    <message>
        <source>No system keyring is available ({problem}).</source>
        <translation>没有可用的系统密钥环（{problem}）。</translation>
    </message>
    <message>
        <source>No system keyring is available ({problem}). {what_to_do}</source>
        <translation>没有可用的系统密钥环（{problem}）。{what_to_do}</translation>
    </message>
    <message>
        <source>Only the first {count} IDs of one paste are read.</source>
        <translation>一次粘贴只读取前 {count} 个 ID。</translation>
    </message>
    <message>
        <source>Placeholders take no format or conversion: write {placeholder} in the file name template.</source>
        <translation>占位符不接受格式或转换：请在文件名模板中写 {placeholder}。</translation>
    </message>
    <message>
        <source>Producer download links are temporary: save them promptly.</source>
        <translation>Producer 的下载链接是临时的：请及时保存。</translation>
    </message>
    <message>
        <source>Rate limited; retrying in {seconds} s.</source>
        <translation>请求受限；{seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>Stopped checking after {minutes} minutes without a result. Resume to keep watching.</source>
        <translation>{minutes} 分钟内没有结果，已停止查询。点“继续”可接着跟踪。</translation>
    </message>
    <message>
        <source>Suno CDN links are not documented to expire, but stream links end.</source>
        <translation>Suno CDN 链接没有写明会过期，但流式链接会失效。</translation>
    </message>
    <message>
        <source>Task {number} in the file: {reason}. Nothing was imported.</source>
        <translation>文件中的第 {number} 个任务：{reason}。未导入任何内容。</translation>
    </message>
    <message>
        <source>The clip {clip} is not part of this task.</source>
        <translation>曲目 {clip} 不属于此任务。</translation>
    </message>
    <message>
        <source>The download from {host} stalled (less than {rate} KB/s for {seconds} s); try again later.</source>
        <translation>来自 {host} 的下载停滞了（{seconds} 秒内低于 {rate} KB/s）；请稍后重试。</translation>
    </message>
    <message>
        <source>The download from {host} was cut off: {reason}.</source>
        <translation>来自 {host} 的下载中断了：{reason}。</translation>
    </message>
    <message>
        <source>The download is incomplete: {received} of {announced} bytes arrived.</source>
        <translation>下载不完整：只收到 {announced} 字节中的 {received} 字节。</translation>
    </message>
    <message>
        <source>The file from {host} is damaged (bad compression).</source>
        <translation>来自 {host} 的文件已损坏（压缩数据有误）。</translation>
    </message>
    <message>
        <source>The file from {host} unpacks to far more than any audio does; stopped.</source>
        <translation>来自 {host} 的文件解压后远大于任何音频文件；已停止。</translation>
    </message>
    <message>
        <source>The file is JSON, but not a Tunewatch task list.</source>
        <translation>该文件是 JSON，但不是 Tunewatch 任务列表。</translation>
    </message>
    <message>
        <source>The file is larger than {size}.</source>
        <translation>文件大于 {size}。</translation>
    </message>
    <message>
        <source>The file is larger than {size}; stopped.</source>
        <translation>文件大于 {size}；已停止。</translation>
    </message>
    <message>
        <source>The file is not text (UTF-8): not a task list.</source>
        <translation>该文件不是文本（UTF-8）：不是任务列表。</translation>
    </message>
    <message>
        <source>The file is not valid JSON ({error}).</source>
        <translation>该文件不是有效的 JSON（{error}）。</translation>
    </message>
    <message>
        <source>The file is {size} MB; a task list is at most {limit} MB. Is it the right file?</source>
        <translation>该文件有 {size} MB；任务列表最多 {limit} MB。是不是选错了文件？</translation>
    </message>
    <message>
        <source>The file is {size}; Tunewatch refuses files over {limit}.</source>
        <translation>文件大小为 {size}；Tunewatch 不接受超过 {limit} 的文件。</translation>
    </message>
    <message>
        <source>The file lists {count} tasks; at most {limit}.</source>
        <translation>该文件列出了 {count} 个任务；最多 {limit} 个。</translation>
    </message>
    <message>
        <source>The file name template is empty; the default is {default}.</source>
        <translation>文件名模板为空；默认值是 {default}。</translation>
    </message>
    <message>
        <source>The file name template uses {placeholder}, which Tunewatch does not know; use {known}.</source>
        <translation>文件名模板使用了 Tunewatch 不认识的 {placeholder}；可用的有 {known}。</translation>
    </message>
    <message>
        <source>The file name template {template} has an unmatched brace; write {braces} for a literal brace.</source>
        <translation>文件名模板 {template} 中有不成对的花括号；如需字面花括号，请写 {braces}。</translation>
    </message>
    <message>
        <source>The file nests too deeply to be a task list.</source>
        <translation>该文件嵌套过深，不可能是任务列表。</translation>
    </message>
    <message>
        <source>The media host {host} could not be found.</source>
        <translation>找不到媒体主机 {host}。</translation>
    </message>
    <message>
        <source>The media link (or a redirect) is not a valid web link.</source>
        <translation>媒体链接（或其重定向）不是有效的网址。</translation>
    </message>
    <message>
        <source>The media link answered HTTP {status}; it has probably expired.</source>
        <translation>媒体链接返回 HTTP {status}；它可能已经过期。</translation>
    </message>
    <message>
        <source>The media link is a {scheme}: link; only http(s) links are fetched.</source>
        <translation>媒体链接是 {scheme}: 链接；只会获取 http(s) 链接。</translation>
    </message>
    <message>
        <source>The media link is not a valid web link.</source>
        <translation>媒体链接不是有效的网址。</translation>
    </message>
    <message>
        <source>The media link is not a web link; only http(s) links are fetched.</source>
        <translation>媒体链接不是网址；只会获取 http(s) 链接。</translation>
    </message>
    <message>
        <source>The media link points at a local or private-network address ({host}); Tunewatch does not fetch it.</source>
        <translation>媒体链接指向本机或内网地址（{host}）；Tunewatch 不会获取它。</translation>
    </message>
    <message>
        <source>The media link redirected more than {count} times.</source>
        <translation>媒体链接重定向超过 {count} 次。</translation>
    </message>
    <message>
        <source>The request to {what} could not be built: the API key contains characters an HTTP header cannot carry.</source>
        <translation>无法构建发往 {what} 的请求：API 密钥包含 HTTP 请求头无法携带的字符。</translation>
    </message>
    <message>
        <source>The tags could not be written ({reason}).</source>
        <translation>无法写入标签（{reason}）。</translation>
    </message>
    <message>
        <source>The task ID is empty.</source>
        <translation>任务 ID 为空。</translation>
    </message>
    <message>
        <source>The task failed.</source>
        <translation>任务失败。</translation>
    </message>
    <message>
        <source>The task list has no list of tasks.</source>
        <translation>该任务列表中没有任务清单。</translation>
    </message>
    <message>
        <source>The task list has no valid format version.</source>
        <translation>该任务列表没有有效的格式版本。</translation>
    </message>
    <message>
        <source>The task list was written by a newer Tunewatch (format {version}); update Tunewatch to import it.</source>
        <translation>该任务列表由更新版本的 Tunewatch 写入（格式 {version}）；请先更新 Tunewatch 再导入。</translation>
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
        <source>The {account} key contains a line break or control character; paste just the key.</source>
        <translation>{account} 密钥中含有换行或控制字符；请只粘贴密钥本身。</translation>
    </message>
    <message>
        <source>The {account} key contains characters an API key cannot have (spaces or non-ASCII, often an invisible character copied from a web page); paste just the key.</source>
        <translation>{account} 密钥中含有 API 密钥不能包含的字符（空格或非 ASCII 字符，常见于从网页复制来的不可见字符）；请只粘贴密钥本身。</translation>
    </message>
    <message>
        <source>The {account} key is empty.</source>
        <translation>{account} 密钥为空。</translation>
    </message>
    <message>
        <source>Tunewatch cannot write tags into .{suffix} files.</source>
        <translation>Tunewatch 无法为 .{suffix} 文件写入标签。</translation>
    </message>
    <message>
        <source>Unexpected error ({error}); retrying in {seconds} s.</source>
        <translation>意外错误（{error}）；{seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>Unknown provider {name}; choose one of: {known}.</source>
        <translation>未知的服务商 {name}；请从以下选择：{known}。</translation>
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
        <source>from environment variable {variable}</source>
        <translation>来自环境变量 {variable}</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>stored in {keyring}</source>
        <translation>保存在 {keyring} 中</translation>
    </message>
    <message>
        <source>sunor.cc audio links expire after about 7 days.</source>
        <translation>sunor.cc 的音频链接约 7 天后过期。</translation>
    </message>
    <message>
        <source>the keyring package found no backend</source>
        <translation>keyring 库没有找到可用的后端</translation>
    </message>
    <message>
        <source>the keyring package found no backend; no Secret Service or KWallet answered on the D-Bus session</source>
        <translation>keyring 库没有找到可用的后端；D-Bus 会话上没有 Secret Service 或 KWallet 响应</translation>
    </message>
    <message>
        <source>the keyring package found no backend; there is no D-Bus session, so no Secret Service can answer</source>
        <translation>keyring 库没有找到可用的后端；没有 D-Bus 会话，因此没有 Secret Service 能够响应</translation>
    </message>
    <message>
        <source>the media link gave a web page instead of a file.</source>
        <translation>媒体链接返回的是网页而不是文件。</translation>
    </message>
    <message>
        <source>trace id {trace_id}</source>
        <translation>追踪 ID {trace_id}</translation>
    </message>
    <message>
        <source>{added} added, {merged} merged, {skipped} skipped (already up to date)</source>
        <translation>新增 {added} 个，合并 {merged} 个，跳过 {skipped} 个（已是最新）</translation>
    </message>
    <message>
        <source>{amount} frozen</source>
        <translation>冻结 {amount}</translation>
    </message>
    <message>
        <source>{backend} keeps secrets in a file, not in a system keyring</source>
        <translation>{backend} 把密钥保存在文件中，而不是系统密钥环里</translation>
    </message>
    <message>
        <source>{backend} keeps secrets in a plain-text file</source>
        <translation>{backend} 把密钥保存在明文文件中</translation>
    </message>
    <message>
        <source>{clip}: no cover art ({message})</source>
        <translation>{clip}：没有封面（{message}）</translation>
    </message>
    <message>
        <source>{clip}: nothing final to export yet.</source>
        <translation>{clip}：还没有可导出的最终文件。</translation>
    </message>
    <message>
        <source>{clip}: nothing to export with these options.</source>
        <translation>{clip}：按当前选项没有可导出的内容。</translation>
    </message>
    <message>
        <source>{clip}: tags are not written into .{suffix} files.</source>
        <translation>{clip}：.{suffix} 文件不写入标签。</translation>
    </message>
    <message>
        <source>{clip}: the cover art link did not give an image.</source>
        <translation>{clip}：封面链接返回的不是图片。</translation>
    </message>
    <message>
        <source>{clip}: the file&apos;s format was not recognised; saved as .{suffix}.</source>
        <translation>{clip}：无法识别文件格式；已保存为 .{suffix}。</translation>
    </message>
    <message>
        <source>{clip}: the link has expired (HTTP {status}), and so has the fresh one {provider} gave.</source>
        <translation>{clip}：链接已过期（HTTP {status}），{provider} 新给的链接也已过期。</translation>
    </message>
    <message>
        <source>{clip}: the link has expired (HTTP {status}); check the task again for a fresh one.</source>
        <translation>{clip}：链接已过期（HTTP {status}）；请重新查询该任务以获取新链接。</translation>
    </message>
    <message>
        <source>{clip}: the link has expired and a fresh one could not be fetched: {message}</source>
        <translation>{clip}：链接已过期，且无法获取新链接：{message}</translation>
    </message>
    <message>
        <source>{clip}: the link has expired and {provider} no longer lists this clip.</source>
        <translation>{clip}：链接已过期，且 {provider} 已不再列出此曲目。</translation>
    </message>
    <message>
        <source>{clip}: {message}</source>
        <translation>{clip}：{message}</translation>
    </message>
    <message>
        <source>{host} answered HTTP {status}.</source>
        <translation>{host} 返回 HTTP {status}。</translation>
    </message>
    <message>
        <source>{host} did not answer in time.</source>
        <translation>{host} 未及时应答。</translation>
    </message>
    <message>
        <source>{host} sent the file in an encoding Tunewatch does not read ({coding}).</source>
        <translation>{host} 发送的文件使用了 Tunewatch 无法读取的编码（{coding}）。</translation>
    </message>
    <message>
        <source>{keyring} could not delete the {account} key ({detail}). Check that the keyring is running and unlocked, or set {env} in the environment.</source>
        <translation>{keyring} 无法删除 {account} 密钥（{detail}）。请确认密钥环正在运行且已解锁，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>{keyring} could not read the {account} key ({detail}). Check that the keyring is running and unlocked, or set {env} in the environment.</source>
        <translation>{keyring} 无法读取 {account} 密钥（{detail}）。请确认密钥环正在运行且已解锁，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>{keyring} could not store the {account} key ({detail}). Check that the keyring is running and unlocked, or set {env} in the environment.</source>
        <translation>{keyring} 无法保存 {account} 密钥（{detail}）。请确认密钥环正在运行且已解锁，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>{keyring} is locked, or its unlock prompt was dismissed, so the {account} key could not be deleted. Unlock the keyring and try again, or set {env} in the environment.</source>
        <translation>{keyring} 已锁定，或解锁提示被关闭，因此无法删除 {account} 密钥。请解锁密钥环后重试，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>{keyring} is locked, or its unlock prompt was dismissed, so the {account} key could not be read. Unlock the keyring and try again, or set {env} in the environment.</source>
        <translation>{keyring} 已锁定，或解锁提示被关闭，因此无法读取 {account} 密钥。请解锁密钥环后重试，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>{keyring} is locked, or its unlock prompt was dismissed, so the {account} key could not be stored. Unlock the keyring and try again, or set {env} in the environment.</source>
        <translation>{keyring} 已锁定，或解锁提示被关闭，因此无法保存 {account} 密钥。请解锁密钥环后重试，或在环境变量中设置 {env}。</translation>
    </message>
    <message>
        <source>{message} ({details})</source>
        <translation>{message}（{details}）</translation>
    </message>
    <message>
        <source>{message} Check the ID and the provider.</source>
        <translation>{message}请检查 ID 和服务商。</translation>
    </message>
    <message>
        <source>{message} Retrying in {seconds} s.</source>
        <translation>{message}{seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>{message} Tasks of this account are paused until the key changes.</source>
        <translation>{message}在更换密钥之前，此账户的任务都已暂停。</translation>
    </message>
    <message>
        <source>{message} Try again in {seconds} s.</source>
        <translation>{message}请在 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <source>{pieces} and {count} more</source>
        <translation>{pieces} 等另外 {count} 个</translation>
    </message>
    <message>
        <source>{provider} answered with something that is not JSON.</source>
        <translation>{provider} 返回的内容不是 JSON。</translation>
    </message>
    <message>
        <source>{provider} can&apos;t be reached — retrying.</source>
        <translation>无法连接 {provider} — 正在重试。</translation>
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
        <source>{provider} is rate limiting; Tunewatch waits {seconds} s before asking again.</source>
        <translation>{provider} 正在限制请求频率；Tunewatch 将等待 {seconds} 秒后再查询。</translation>
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
    <message>
        <source>{provider}: {message}</source>
        <translation>{provider}：{message}</translation>
    </message>
    <message>
        <source>{text} is not a task ID: it contains {character} (IDs use letters, digits, &apos;-&apos;, &apos;_&apos;, &apos;.&apos; and &apos;:&apos;, and start with a letter or digit).</source>
        <translation>{text} 不是任务 ID：其中含有 {character}（ID 由字母、数字以及 &apos;-&apos;、&apos;_&apos;、&apos;.&apos;、&apos;:&apos; 组成，并以字母或数字开头）。</translation>
    </message>
    <message>
        <source>{url} is not a valid URL.</source>
        <translation>{url} 不是有效的网址。</translation>
    </message>
    <message>
        <source>{url} is not an http(s) URL.</source>
        <translation>{url} 不是 http(s) 网址。</translation>
    </message>
    <message>
        <source>{url} must not contain a query, fragment or credentials.</source>
        <translation>{url} 不能包含查询参数、片段或登录凭据。</translation>
    </message>
    <message>
        <source>{url} uses plain http; API keys are only sent over https (http is allowed for 127.0.0.1, ::1 and localhost).</source>
        <translation>{url} 使用的是明文 http；API 密钥只通过 https 发送（127.0.0.1、::1 和 localhost 允许使用 http）。</translation>
    </message>
    <message>
        <source>{variable} holds characters an API key cannot have (spaces, line breaks or non-ASCII); set it to just the key.</source>
        <translation>{variable} 中含有 API 密钥不能包含的字符（空格、换行或非 ASCII 字符）；请只设置为密钥本身。</translation>
    </message>
    <message>
        <source>{what} did not answer in time.</source>
        <translation>{what} 未及时应答。</translation>
    </message>
    <message>
        <source>{what} took too long to answer (over {seconds} s).</source>
        <translation>{what} 应答太慢（超过 {seconds} 秒）。</translation>
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
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Artist tag</source>
        <translation>艺术家标签</translation>
    </message>
    <message>
        <source>Ask the provider for the balance with the key you typed</source>
        <translation>用你输入的密钥向服务商查询余额</translation>
    </message>
    <message>
        <source>Automatic (dense near the likely finish)</source>
        <translation>自动（临近预计完成时查询更密）</translation>
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
        <source>Dark</source>
        <translation>深色</translation>
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
        <source>Light</source>
        <translation>浅色</translation>
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
        <source>Remove key</source>
        <translation>删除密钥</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>System (follow the desktop)</source>
        <translation>跟随系统（与桌面一致）</translation>
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
        <source>Raw JSON of the last answer copied.</source>
        <translation>已复制最近一次应答的原始 JSON。</translation>
    </message>
    <message>
        <source>Removed {count} tasks: {names}.</source>
        <translation>已移除 {count} 个任务：{names}。</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>已移除 {name}。</translation>
    </message>
    <message>
        <source>Restored.</source>
        <translation>已恢复。</translation>
    </message>
    <message>
        <source>Task ID copied.</source>
        <translation>已复制任务 ID。</translation>
    </message>
    <message>
        <source>{names} and {count} more</source>
        <translation>{names} 等另外 {count} 个</translation>
    </message>
</context>
<context>
    <name>TaskAdder</name>
    <message>
        <source>Added 1 task.</source>
        <translation>已添加 1 个任务。</translation>
    </message>
    <message>
        <source>Added {count} tasks.</source>
        <translation>已添加 {count} 个任务。</translation>
    </message>
    <message>
        <source>Already tracked: {names}.</source>
        <translation>已在跟踪：{names}。</translation>
    </message>
    <message>
        <source>Auto could not ask the accounts: {reason}</source>
        <translation>“自动”无法询问各账户：{reason}</translation>
    </message>
    <message>
        <source>Auto needs at least one API key: add one in Settings, or choose the provider.</source>
        <translation>“自动”至少需要一个 API 密钥：请在设置中添加，或直接选择服务商。</translation>
    </message>
    <message>
        <source>Could not check {ids} (see why below); it is left in the box.</source>
        <translation>无法查询 {ids}（原因见下）；已保留在输入框中。</translation>
    </message>
    <message>
        <source>Looking up {count} ID(s) at each account…</source>
        <translation>正在各账户中查找 {count} 个 ID…</translation>
    </message>
    <message>
        <source>No account knows {ids}.</source>
        <translation>没有任何账户认识 {ids}。</translation>
    </message>
    <message>
        <source>No task ID found in what was pasted.</source>
        <translation>粘贴的内容中没有找到任务 ID。</translation>
    </message>
    <message>
        <source>Not task IDs, so not looked up: {pieces}.</source>
        <translation>以下不是任务 ID，未查询：{pieces}。</translation>
    </message>
    <message>
        <source>To add one anyway, choose its provider.</source>
        <translation>如仍要添加，请选择它的服务商。</translation>
    </message>
    <message>
        <source>{id}… belongs to {provider}.</source>
        <translation>{id}… 属于 {provider}。</translation>
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
        <source>Select the tasks to export in the list first.</source>
        <translation>请先在列表中选择要导出的任务。</translation>
    </message>
    <message>
        <source>Task list</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <source>The demo&apos;s tasks are not yours to export; go back to your tasks first.</source>
        <translation>演示任务不是你的任务，无法导出；请先回到你自己的任务。</translation>
    </message>
    <message>
        <source>The task list could not be written to {path}: {reason}</source>
        <translation>无法将任务列表写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>There are no tasks to export yet.</source>
        <translation>还没有可导出的任务。</translation>
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
        <source>ETA</source>
        <translation>预计剩余</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>已用时</translation>
    </message>
    <message>
        <source>From the provider&apos;s start time (else from when the task was added) to its finish (else now)</source>
        <translation>从服务商开始处理的时间（否则从添加任务时）到完成（否则到现在）</translation>
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
        <source>Elapsed: {time} ({basis})</source>
        <translation>已用时：{time}（{basis}）</translation>
    </message>
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
        <source>from added to finished</source>
        <translation>从添加到完成</translation>
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
        <source>queued</source>
        <translation>排队中</translation>
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
        <source>since added</source>
        <translation>自添加起</translation>
    </message>
    <message>
        <source>since the provider started it</source>
        <translation>自服务商开始处理起</translation>
    </message>
    <message>
        <source>taking longer than usual</source>
        <translation>比平时慢</translation>
    </message>
    <message>
        <source>the provider&apos;s start to finish</source>
        <translation>从服务商开始到完成</translation>
    </message>
    <message>
        <source>usually {range}</source>
        <translation>通常 {range}</translation>
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
        <source>{low} s–{high} min</source>
        <translation>{low} 秒–{high} 分钟</translation>
    </message>
    <message>
        <source>{low}–{high} min</source>
        <translation>{low}–{high} 分钟</translation>
    </message>
    <message>
        <source>{low}–{high} s</source>
        <translation>{low}–{high} 秒</translation>
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
    <message>
        <source>~{time} left</source>
        <translation>约剩 {time}</translation>
    </message>
</context>
<context>
    <name>TaskType</name>
    <message>
        <source>concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>lyrics</source>
        <translation>歌词</translation>
    </message>
    <message>
        <source>media</source>
        <translation>媒体</translation>
    </message>
    <message>
        <source>music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <source>stems</source>
        <translation>分轨</translation>
    </message>
    <message>
        <source>upload</source>
        <translation>上传</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
</context>
<context>
    <name>Terminal</name>
    <message>
        <source> ({status})</source>
        <translation>（{status}）</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>--interval must be between {low} and {high} seconds.</source>
        <translation>--interval 必须在 {low} 到 {high} 秒之间。</translation>
    </message>
    <message>
        <source>Auto asks each account that has a key, and none has one.</source>
        <translation>“自动”会询问每个有密钥的账户，但目前一个都没有。</translation>
    </message>
    <message>
        <source>Given up</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>Imported {path}: {summary}.</source>
        <translation>已导入 {path}：{summary}。</translation>
    </message>
    <message>
        <source>Installed Tunewatch in the application menu (it starts {command}).</source>
        <translation>已将 Tunewatch 加入应用菜单（启动命令：{command}）。</translation>
    </message>
    <message>
        <source>It holds spaces, line breaks or non-ASCII characters.</source>
        <translation>其中含有空格、换行或非 ASCII 字符。</translation>
    </message>
    <message>
        <source>No account knows {id} (asked {providers}).</source>
        <translation>没有任何账户认识 {id}（已询问 {providers}）。</translation>
    </message>
    <message>
        <source>No tasks are tracked yet. Add one with `tunewatch watch --provider P TASK_ID`.</source>
        <translation>还没有跟踪任何任务。可用 `tunewatch watch --provider P TASK_ID` 添加一个。</translation>
    </message>
    <message>
        <source>No {account} key is stored.</source>
        <translation>没有保存 {account} 的密钥。</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未查询</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Set one of {variables} to your API key.</source>
        <translation>请把 {variables} 之一设置为你的 API 密钥。</translation>
    </message>
    <message>
        <source>Set {variable} to just your {account} API key.</source>
        <translation>请把 {variable} 设置为仅包含你的 {account} API 密钥。</translation>
    </message>
    <message>
        <source>Set {variable} to your {account} API key.</source>
        <translation>请把 {variable} 设置为你的 {account} API 密钥。</translation>
    </message>
    <message>
        <source>Store your {account} API key in the window&apos;s Settings, or set {variable}.</source>
        <translation>请在窗口的设置中保存你的 {account} API 密钥，或设置 {variable}。</translation>
    </message>
    <message>
        <source>The keyring could not read the {account} key.</source>
        <translation>密钥环无法读取 {account} 的密钥。</translation>
    </message>
    <message>
        <source>The keyring is locked.</source>
        <translation>密钥环已锁定。</translation>
    </message>
    <message>
        <source>There is no {account} key, and no system keyring to keep one in.</source>
        <translation>没有 {account} 的密钥，也没有可用来保存密钥的系统密钥环。</translation>
    </message>
    <message>
        <source>Unlock the keyring, or set {variable} to your {account} key.</source>
        <translation>请解锁密钥环，或把 {variable} 设置为你的 {account} 密钥。</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>code</source>
        <translation>错误代码</translation>
    </message>
    <message>
        <source>cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>created</source>
        <translation>创建于</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>完成于</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>lyrics</source>
        <translation>歌词</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>stem</source>
        <translation>分轨</translation>
    </message>
    <message>
        <source>the credits for this task were refunded</source>
        <translation>该任务的积分已退还</translation>
    </message>
    <message>
        <source>the desktop entry was not installed: {reason}</source>
        <translation>未能安装桌面启动项：{reason}</translation>
    </message>
    <message>
        <source>trace id</source>
        <translation>追踪 ID</translation>
    </message>
    <message>
        <source>video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>{id}: finished, but there was nothing to export.</source>
        <translation>{id}：已完成，但没有可导出的内容。</translation>
    </message>
    <message>
        <source>{id}: warning: {warning}</source>
        <translation>{id}：警告：{warning}</translation>
    </message>
    <message>
        <source>{id}: {state} — nothing exported.</source>
        <translation>{id}：{state} — 未导出任何内容。</translation>
    </message>
    <message>
        <source>{path} was not imported: {reason}</source>
        <translation>{path} 未导入：{reason}</translation>
    </message>
    <message>
        <source>{provider} is reachable again.</source>
        <translation>{provider} 已恢复连接。</translation>
    </message>
    <message>
        <source>{provider} task {id}: {state}</source>
        <translation>{provider} 任务 {id}：{state}</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
</context>
<context>
    <name>Titles</name>
    <message>
        <source>Stems: {names}</source>
        <translation>分轨：{names}</translation>
    </message>
</context>
</TS>
