<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>offered {label} {text!r} at {places} place(s) in {articles} article(s) ({looked} hold the string): they are suggestions, Tab/A/X in each</source>
        <translation>已在 {articles} 篇文章的 {places} 处推荐 {label} {text!r}（{looked} 篇含有该字符串）：它们是建议，在各篇中用 Tab/A/X 处理</translation>
    </message>
    <message>
        <source>imported {new}, already present {present}, failed {failed}</source>
        <translation>新导入 {new}，已存在 {present}，失败 {failed}</translation>
    </message>
    <message>
        <source>Cancelled while importing: the batches already stored are kept ({counts}); import the same pages again to finish.</source>
        <translation>导入时已取消：已保存的批次保留（{counts}）；再次导入相同网页即可完成。</translation>
    </message>
    <message>
        <source>Cancelled while suggesting: every article imported is kept ({counts}), and the suggestions stored so far; import again (or recompute) for the rest.</source>
        <translation>计算建议时已取消：已导入的文章全部保留（{counts}），已保存的建议也保留；再次导入（或重新计算）以完成其余部分。</translation>
    </message>
    <message>
        <source>; suggestions computed for {n} article(s)</source>
        <translation>；已为 {n} 篇文章计算建议</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <source>Computing suggestions for {n} article(s)…</source>
        <translation>正在为 {n} 篇文章计算建议…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written; {out} is as it was.</source>
        <translation>已取消：没有写入任何内容；{out} 保持原样。</translation>
    </message>
    <message>
        <source>Export failed, nothing was written: {error}</source>
        <translation>导出失败，没有写入任何内容：{error}</translation>
    </message>
    <message>
        <source>records</source>
        <translation>条记录</translation>
    </message>
    <message>
        <source>persons</source>
        <translation>人</translation>
    </message>
    <message>
        <source>Exported {count} {unit} as {format} to {out}</source>
        <translation>已将 {count} {unit}以 {format} 格式导出到 {out}</translation>
    </message>
    <message>
        <source>Importing pages…</source>
        <translation>正在导入网页…</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>AnnotatorChooser</name>
    <message>
        <source>Compare annotators</source>
        <translation>比较标注员</translation>
    </message>
    <message>
        <source>Whose labels to compare (disagreements are settled into gold):</source>
        <translation>比较哪些人的标注（分歧裁定后写入金标准）：</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Your name (it is stored with every label you make):</source>
        <translation>您的名字（会随您做的每个标注一起保存）：</translation>
    </message>
    <message>
        <source>Welcome to annotator</source>
        <translation>欢迎使用 annotator 标注工具</translation>
    </message>
    <message>
        <source>backup failed: {message}</source>
        <translation>备份失败：{message}</translation>
    </message>
    <message>
        <source>Importing the demo pages…</source>
        <translation>正在导入示例网页…</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <source>a label cannot cross a line break: select within one line (B then a kind marks whole lines as boilerplate)</source>
        <translation>标注不能跨越换行：请在同一行内选择（按 B 再按类别键可将整行标为版面噪声）</translation>
    </message>
    <message>
        <source>remove the note</source>
        <translation>删除备注</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>flag unsure</source>
        <translation>标为存疑</translation>
    </message>
    <message>
        <source>clear unsure</source>
        <translation>取消存疑</translation>
    </message>
    <message>
        <source>{what} on {target}</source>
        <translation>{target}：{what}</translation>
    </message>
    <message>
        <source> and </source>
        <translation>并</translation>
    </message>
    <message>
        <source>no article is open</source>
        <translation>没有打开的文章</translation>
    </message>
    <message>
        <source>select some text first</source>
        <translation>请先选择文本</translation>
    </message>
    <message>
        <source>label {label} {text}</source>
        <translation>标注 {label} {text}</translation>
    </message>
    <message>
        <source>{old} is a region label and {new} is not: delete it and label the text again</source>
        <translation>{old} 是区域标签而 {new} 不是：请删除后重新标注该文本</translation>
    </message>
    <message>
        <source>{old} is an entity label and {new} is not: delete it and label the text again</source>
        <translation>{old} 是实体标签而 {new} 不是：请删除后重新标注该文本</translation>
    </message>
    <message>
        <source>relabel {text} as {label}</source>
        <translation>将 {text} 改标为 {label}</translation>
    </message>
    <message>
        <source>that span is not stored</source>
        <translation>该片段尚未保存</translation>
    </message>
    <message>
        <source>delete {label} {text}</source>
        <translation>删除 {label} {text}</translation>
    </message>
    <message>
        <source>select the lines of the region first</source>
        <translation>请先选择该区域的行</translation>
    </message>
    <message>
        <source>mark lines as {kind}</source>
        <translation>将所选行标为 {kind}</translation>
    </message>
    <message>
        <source>no pending suggestion there</source>
        <translation>此处没有待处理的建议</translation>
    </message>
    <message>
        <source>accept {label} {text}</source>
        <translation>接受 {label} {text}</translation>
    </message>
    <message>
        <source>accept {n} suggestions</source>
        <translation>接受 {n} 条建议</translation>
    </message>
    <message>
        <source>boilerplate regions are marked line by line, not offered</source>
        <translation>版面噪声按行标注，不做推荐</translation>
    </message>
    <message>
        <source>no other occurrence of {text} left to offer in this article</source>
        <translation>本文中 {text} 没有其他可推荐的出现位置了</translation>
    </message>
    <message>
        <source>reject {label} {text}</source>
        <translation>拒绝 {label} {text}</translation>
    </message>
    <message>
        <source>edit official {name}</source>
        <translation>编辑官员 {name}</translation>
    </message>
    <message>
        <source>that official is not stored</source>
        <translation>该官员记录尚未保存</translation>
    </message>
    <message>
        <source>merge official {source} into {target}</source>
        <translation>将官员 {source} 合并到 {target}</translation>
    </message>
    <message>
        <source>delete official {name}</source>
        <translation>删除官员 {name}</translation>
    </message>
    <message>
        <source>link {label} {text} to {record}</source>
        <translation>将 {label} {text} 关联到 {record}</translation>
    </message>
    <message>
        <source>unlink {label} {text} from {record}</source>
        <translation>取消 {label} {text} 与 {record} 的关联</translation>
    </message>
    <message>
        <source>links join your own labels (accept the suggestion first)</source>
        <translation>关联只能连接您自己的标注（请先接受建议）</translation>
    </message>
    <message>
        <source>no official named in this line: select one in the Officials tab</source>
        <translation>本行没有已命名的官员：请在“官员”标签页中选择一位</translation>
    </message>
    <message>
        <source>no event in this line: select one in the Events tab</source>
        <translation>本行没有事件：请在“事件”标签页中选择一个</translation>
    </message>
    <message>
        <source>a {label} label links to nothing: put the cursor on a title, organization, place, date or official</source>
        <translation>{label} 标注不能关联：请将光标放在职务、机构、地点、日期或官员上</translation>
    </message>
    <message>
        <source>add event</source>
        <translation>添加事件</translation>
    </message>
    <message>
        <source>edit event {type}</source>
        <translation>编辑事件 {type}</translation>
    </message>
    <message>
        <source>that event is not stored</source>
        <translation>该事件记录尚未保存</translation>
    </message>
    <message>
        <source>delete event {type}</source>
        <translation>删除事件 {type}</translation>
    </message>
    <message>
        <source>mark {status}</source>
        <translation>标记为{status}</translation>
    </message>
    <message>
        <source>the article</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>notes and flags go on your own labels (accept a suggestion first)</source>
        <translation>备注和存疑标记只能加在您自己的标注上（请先接受建议）</translation>
    </message>
    <message>
        <source>undo {what}</source>
        <translation>撤销 {what}</translation>
    </message>
    <message>
        <source>redo {what}</source>
        <translation>重做 {what}</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>媒体</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注数</translation>
    </message>
</context>
<context>
    <name>ArticleListPanel</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>待标注</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Unsure ?</source>
        <translation>存疑 ?</translation>
    </message>
    <message>
        <source>With a note ✎</source>
        <translation>有备注 ✎</translation>
    </message>
    <message>
        <source>Search title and text…</source>
        <translation>搜索标题和正文…</translation>
    </message>
</context>
<context>
    <name>ArticleTextView</name>
    <message>
        <source>damaged text: characters were lost here</source>
        <translation>文本受损：此处有字符丢失</translation>
    </message>
    <message>
        <source>damaged text? a bare &apos;?&apos; inside a sentence; a character may be lost here</source>
        <translation>文本可能受损：句中出现孤立的“?”，此处可能丢失了一个字符</translation>
    </message>
    <message>
        <source>damaged text: bytes that did not decode (U+FFFD)</source>
        <translation>文本受损：无法解码的字节（U+FFFD）</translation>
    </message>
    <message>
        <source>damaged text: UTF-8 read as Latin-1 (mojibake)</source>
        <translation>文本受损：UTF-8 被当作 Latin-1 读取（乱码）</translation>
    </message>
    <message>
        <source>suggested {label}: {text}  (A accept, X reject)</source>
        <translation>建议 {label}：{text}（A 接受，X 拒绝）</translation>
    </message>
    <message>
        <source>by {source}, score {score}</source>
        <translation>来自 {source}，得分 {score}</translation>
    </message>
</context>
<context>
    <name>AskOnce</name>
    <message>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
</context>
<context>
    <name>BackgroundJob</name>
    <message>
        <source>suggestions recomputed for 1 article</source>
        <translation>已为 1 篇文章重新计算建议</translation>
    </message>
    <message>
        <source>suggestions recomputed for {n} articles</source>
        <translation>已为 {n} 篇文章重新计算建议</translation>
    </message>
    <message>
        <source>imported 1 article</source>
        <translation>已导入 1 篇文章</translation>
    </message>
    <message>
        <source>imported {n} articles</source>
        <translation>已导入 {n} 篇文章</translation>
    </message>
    <message>
        <source>, {n} failed</source>
        <translation>，{n} 篇失败</translation>
    </message>
    <message>
        <source>backup made: {path}</source>
        <translation>已备份：{path}</translation>
    </message>
    <message>
        <source>backup: nothing changed since the last one</source>
        <translation>备份：自上次备份以来没有变化</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>CoreMessage</name>
    <message>
        <source>binary data ({kind}), not a text or HTML page</source>
        <translation>二进制数据（{kind}），不是文本或 HTML 网页</translation>
    </message>
    <message>
        <source>binary data (MP4/QuickTime video), not a text or HTML page</source>
        <translation>二进制数据（MP4/QuickTime 视频），不是文本或 HTML 网页</translation>
    </message>
    <message>
        <source>binary data (holds NUL bytes), not a text or HTML page</source>
        <translation>二进制数据（含 NUL 字节），不是文本或 HTML 网页</translation>
    </message>
    <message>
        <source>no text encoding fits these bytes (read as {encoding}, {undecodable} of {characters} characters were undecodable)</source>
        <translation>没有任何文本编码能解读这些字节（按 {encoding} 读取时，{characters} 个字符中有 {undecodable} 个无法解码）</translation>
    </message>
    <message>
        <source>binary data (mostly control characters), not a text or HTML page</source>
        <translation>二进制数据（大多是控制字符），不是文本或 HTML 网页</translation>
    </message>
    <message>
        <source>binary data ({what}), not a text or HTML page</source>
        <translation>二进制数据（{what}），不是文本或 HTML 网页</translation>
    </message>
    <message>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <source>page is {size:,} bytes, above the limit of {max_bytes:,} bytes</source>
        <translation>网页有 {size:,} 字节，超过 {max_bytes:,} 字节的上限</translation>
    </message>
    <message>
        <source>the page holds only white space</source>
        <translation>网页只有空白字符</translation>
    </message>
    <message>
        <source>the HTML page has no visible text</source>
        <translation>该 HTML 网页没有可见文字</translation>
    </message>
    <message>
        <source>the cleaner failed unexpectedly on this page ({type_name}: {error})</source>
        <translation>清洗器处理此网页时意外出错（{type_name}: {error}）</translation>
    </message>
    <message>
        <source>boilerplate line {line} of {id}</source>
        <translation>{id} 的模板行 {line}</translation>
    </message>
    <message>
        <source>an annotator with an empty name has no folder name</source>
        <translation>名字为空的标注员没有文件夹名</translation>
    </message>
    <message>
        <source>brat .txt of {id} is not the article text</source>
        <translation>{id} 的 brat .txt 与文章文本不符</translation>
    </message>
    <message>
        <source>brat .ann of {id}: spans do not read back</source>
        <translation>{id} 的 brat .ann：标注读回后不一致</translation>
    </message>
    <message>
        <source>brat .ann of {id}: relations do not read back</source>
        <translation>{id} 的 brat .ann：关系读回后不一致</translation>
    </message>
    <message>
        <source>{error}: not written as a brat file name</source>
        <translation>{error}：不能写作 brat 文件名</translation>
    </message>
    <message>
        <source>brat .ann of {id}: {error}</source>
        <translation>{id} 的 brat .ann：{error}</translation>
    </message>
    <message>
        <source>conll of {id}: no {DOCSTART} line</source>
        <translation>{id} 的 conll：没有 {DOCSTART} 行</translation>
    </message>
    <message>
        <source>conll of {id}: entities do not read back</source>
        <translation>{id} 的 conll：实体读回后不一致</translation>
    </message>
    <message>
        <source>conll of {id}: {error}</source>
        <translation>{id} 的 conll：{error}</translation>
    </message>
    <message>
        <source>doccano relations of {id} do not read back</source>
        <translation>{id} 的 doccano 关系读回后不一致</translation>
    </message>
    <message>
        <source>article {id}: the JSON line does not read back</source>
        <translation>文章 {id}：JSON 行读回后不一致</translation>
    </message>
    <message>
        <source>label-studio task of {id}: {count} annotations of {author!r}</source>
        <translation>{id} 的 label-studio 任务：{author!r} 有 {count} 份标注</translation>
    </message>
    <message>
        <source>label-studio relations of {id} do not read back</source>
        <translation>{id} 的 label-studio 关系读回后不一致</translation>
    </message>
    <message>
        <source>{path} exists and is not a folder</source>
        <translation>{path} 已存在，且不是文件夹</translation>
    </message>
    <message>
        <source>{path} holds the database {database}; export into a folder of its own</source>
        <translation>{path} 中有数据库 {database}；请导出到单独的文件夹</translation>
    </message>
    <message>
        <source>{folder} holds files this export did not write ({shown}); an export only replaces its own files: choose a new or empty folder</source>
        <translation>{folder} 中有不是本次导出写入的文件（{shown}）；导出只替换自己写的文件：请选择新的或空的文件夹</translation>
    </message>
    <message>
        <source>brat file name {relative!r} leads outside the export</source>
        <translation>brat 文件名 {relative!r} 指向导出文件夹之外</translation>
    </message>
    <message>
        <source>annotators {other!r} and {annotator!r} would share one brat folder on disks that ignore case; export them one at a time with --annotator</source>
        <translation>在不区分大小写的磁盘上，标注员 {other!r} 和 {annotator!r} 会共用一个 brat 文件夹；请用 --annotator 逐个导出</translation>
    </message>
    <message>
        <source>two records would write the brat file {relative}</source>
        <translation>两条记录会写同一个 brat 文件 {relative}</translation>
    </message>
    <message>
        <source>article {article_id}, span {span_id} ({label}): {problem}</source>
        <translation>文章 {article_id}，标注 {span_id}（{label}）：{problem}</translation>
    </message>
    <message>
        <source>cannot export {name!r}; formats: {choices}</source>
        <translation>无法导出 {name!r}；可用格式：{choices}</translation>
    </message>
    <message>
        <source>cannot import {name!r}; formats: {choices}</source>
        <translation>无法导入 {name!r}；可用格式：{choices}</translation>
    </message>
    <message>
        <source>writing .spacy needs spaCy installed (pip install spacy); use .jsonl</source>
        <translation>写 .spacy 需要安装 spaCy（pip install spacy）；请改用 .jsonl</translation>
    </message>
    <message>
        <source>{name} item of {id} lost or moved spans</source>
        <translation>{id} 的 {name} 条目丢失或移动了标注</translation>
    </message>
    <message>
        <source>{name} item of {id}: {error}</source>
        <translation>{id} 的 {name} 条目：{error}</translation>
    </message>
    <message>
        <source>article {id!r}: {problem}</source>
        <translation>文章 {id!r}：{problem}</translation>
    </message>
    <message>
        <source>{size} is above the limit of {limit} (change it with --max-bytes)</source>
        <translation>{size} 超过 {limit} 的上限（可用 --max-bytes 修改）</translation>
    </message>
    <message>
        <source>not a regular file ({kind})</source>
        <translation>不是普通文件（{kind}）</translation>
    </message>
    <message>
        <source>holds no page</source>
        <translation>不含任何网页</translation>
    </message>
    <message>
        <source>cannot read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <source>a .jsonl file must be UTF-8 ({reason} at byte {start})</source>
        <translation>.jsonl 文件必须是 UTF-8 编码（第 {start} 字节处 {reason}）</translation>
    </message>
    <message>
        <source>line {number}: expected an object with `text` or `html`</source>
        <translation>第 {number} 行：应为含 `text` 或 `html` 的对象</translation>
    </message>
    <message>
        <source>line {number}: needs a string `text` or `html`</source>
        <translation>第 {number} 行：需要字符串类型的 `text` 或 `html`</translation>
    </message>
    <message>
        <source>line {number}: {error}</source>
        <translation>第 {number} 行：{error}</translation>
    </message>
    <message>
        <source>page {number}: {error}</source>
        <translation>第 {number} 页：{error}</translation>
    </message>
    <message>
        <source>the register&apos;s stored decisions are damaged: {error}</source>
        <translation>名录中保存的决定已损坏：{error}</translation>
    </message>
    <message>
        <source>boilerplate regions are marked line by line, not offered</source>
        <translation>版面噪声区域按行标注，不做推荐</translation>
    </message>
    <message>
        <source>only a string within one line can be offered in every article</source>
        <translation>只有同一行内的字符串才能推荐到每篇文章</translation>
    </message>
    <message>
        <source>no label {label!r} in this database&apos;s schema</source>
        <translation>此数据库的标签方案中没有标签 {label!r}</translation>
    </message>
    <message>
        <source>cannot export {format!r}; formats: {choices}</source>
        <translation>无法导出 {format!r}；可用格式：{choices}</translation>
    </message>
    <message>
        <source>--csv is for --format register</source>
        <translation>--csv 只用于 --format register</translation>
    </message>
    <message>
        <source>--original is only for --format jsonl</source>
        <translation>--original 只用于 --format jsonl</translation>
    </message>
    <message>
        <source>--relations is only for --format doccano or label-studio</source>
        <translation>--relations 只用于 --format doccano 或 label-studio</translation>
    </message>
    <message>
        <source>--tab is only for --format conll</source>
        <translation>--tab 只用于 --format conll</translation>
    </message>
    <message>
        <source>--body-only would cut out everything the boilerplate format labels</source>
        <translation>--body-only 会删掉 boilerplate 格式所标注的全部内容</translation>
    </message>
    <message>
        <source>brat writes a folder: say where with --out FOLDER</source>
        <translation>brat 会写一个文件夹：请用 --out FOLDER 指定位置</translation>
    </message>
    <message>
        <source>no annotation set of {annotator!r} in this database (annotators: {known})</source>
        <translation>此数据库中没有 {annotator!r} 的标注集（标注员：{known}）</translation>
    </message>
    <message>
        <source>say where the export goes</source>
        <translation>请指定导出位置</translation>
    </message>
    <message>
        <source>there is no database at {db_path} to back up</source>
        <translation>{db_path} 处没有可备份的数据库</translation>
    </message>
    <message>
        <source>{target} already exists; choose another name for the backup</source>
        <translation>{target} 已存在；请为备份另选名字</translation>
    </message>
    <message>
        <source>keep at least one backup</source>
        <translation>至少保留一份备份</translation>
    </message>
    <message>
        <source>there is no backup at {backup}; nothing was restored</source>
        <translation>{backup} 处没有备份；未恢复任何内容</translation>
    </message>
    <message>
        <source>{backup} is the database itself; nothing was restored</source>
        <translation>{backup} 就是数据库本身；未恢复任何内容</translation>
    </message>
    <message>
        <source>cannot create {parent}: {strerror}</source>
        <translation>无法创建 {parent}：{strerror}</translation>
    </message>
    <message>
        <source>the backup of {db_path} failed its check: {problem}</source>
        <translation>{db_path} 的备份未通过检查：{problem}</translation>
    </message>
    <message>
        <source>{db_path} is open in another program (an annotator window or command); close it and run restore again. Nothing was changed.</source>
        <translation>{db_path} 已在另一个程序（annotator 窗口或命令）中打开；请关闭它后再运行恢复。未做任何改动。</translation>
    </message>
    <message>
        <source>unknown label {label!r}; the schema has {labels}</source>
        <translation>未知标签 {label!r}；标签方案中有：{labels}</translation>
    </message>
    <message>
        <source>a {label} span must cover more than white space</source>
        <translation>{label} 标注不能只包含空白字符</translation>
    </message>
    <message>
        <source>the unsure flag is true or false, not {unsure!r}</source>
        <translation>“不确定”标记只能是 true 或 false，不能是 {unsure!r}</translation>
    </message>
    <message>
        <source>an official needs a name</source>
        <translation>官员需要有姓名</translation>
    </message>
    <message>
        <source>official {name!r} mentions spans {unknown} not in its set</source>
        <translation>官员 {name!r} 提及的标注 {unknown} 不在其标注集中</translation>
    </message>
    <message>
        <source>official {name!r}: {problem}</source>
        <translation>官员 {name!r}：{problem}</translation>
    </message>
    <message>
        <source>unknown event type {event_type!r}; expected one of {types}</source>
        <translation>未知事件类型 {event_type!r}；应为以下之一：{types}</translation>
    </message>
    <message>
        <source>event evidence {evidence} is not a span of this set</source>
        <translation>事件依据 {evidence} 不是本标注集中的标注</translation>
    </message>
    <message>
        <source>event participants must be officials of this set</source>
        <translation>事件参与者必须是本标注集中的官员</translation>
    </message>
    <message>
        <source>event {type!r}: {problem}</source>
        <translation>事件 {type!r}：{problem}</translation>
    </message>
    <message>
        <source>span {text!r}: score {score} is not in 0..1</source>
        <translation>标注 {text!r}：分数 {score} 不在 0..1 之间</translation>
    </message>
    <message>
        <source>note {note!r} is blank or has surrounding blanks</source>
        <translation>备注 {note!r} 为空或首尾有空白</translation>
    </message>
    <message>
        <source>the database is damaged: {table} row {row}: {bad}</source>
        <translation>数据库已损坏：{table} 表第 {row} 行：{bad}</translation>
    </message>
    <message>
        <source>{path} is truncated: {size:,} bytes, fewer than its header declares; it was left untouched</source>
        <translation>{path} 不完整：只有 {size:,} 字节，少于文件头声明的大小；文件未被改动</translation>
    </message>
    <message>
        <source>{where}: {error}</source>
        <translation>{where}：{error}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file</source>
        <translation>{path} 是文件夹，不是数据库文件</translation>
    </message>
    <message>
        <source>{path} cannot be read: its folder cannot be written, and SQLite must write there to read the changes {files} beside it may hold; make the folder writable (nothing was changed)</source>
        <translation>无法读取 {path}：其所在文件夹不可写，而 SQLite 需要在那里写入才能读取旁边 {files} 中可能保存的改动；请让该文件夹可写（未做任何改动）</translation>
    </message>
    <message>
        <source>{path} is not an SQLite database, or a truncated one ({size} bytes); it was left untouched</source>
        <translation>{path} 不是 SQLite 数据库，或是不完整的数据库（{size} 字节）；文件未被改动</translation>
    </message>
    <message>
        <source>{path} is not an SQLite database; it was left untouched</source>
        <translation>{path} 不是 SQLite 数据库；文件未被改动</translation>
    </message>
    <message>
        <source>{where} is locked by another program (waited {busy_timeout:g} s); close the other program or try again</source>
        <translation>{where} 被另一个程序锁定（已等待 {busy_timeout:g} 秒）；请关闭该程序或稍后重试</translation>
    </message>
    <message>
        <source>{where} is damaged: its column {column!r} holds bytes that are not UTF-8 text; it was left untouched</source>
        <translation>{where} 已损坏：其列 {column!r} 中有不是 UTF-8 文本的字节；文件未被改动</translation>
    </message>
    <message>
        <source>{where} is damaged ({error}); it was left untouched</source>
        <translation>{where} 已损坏（{error}）；文件未被改动</translation>
    </message>
    <message>
        <source>{where} cannot be written ({error})</source>
        <translation>无法写入 {where}（{error}）</translation>
    </message>
    <message>
        <source>{where}: the disk is full ({error}); the last change was not saved</source>
        <translation>{where}：磁盘已满（{error}）；最后一次改动未保存</translation>
    </message>
    <message>
        <source>{where}: the disk refused a write (full, over the file-size limit, or failing); the last change was not saved</source>
        <translation>{where}：磁盘拒绝写入（已满、超过文件大小上限或出现故障）；最后一次改动未保存</translation>
    </message>
    <message>
        <source>{where}: refused by a database constraint ({error})</source>
        <translation>{where}：被数据库约束拒绝（{error}）</translation>
    </message>
    <message>
        <source>there is no database at {path}; nothing to read</source>
        <translation>{path} 处没有数据库；无可读取的内容</translation>
    </message>
    <message>
        <source>cannot use {path}: {strerror}</source>
        <translation>无法使用 {path}：{strerror}</translation>
    </message>
    <message>
        <source>{path} is {kind}, not a database file; nothing was read</source>
        <translation>{path} 是 {kind}，不是数据库文件；未读取任何内容</translation>
    </message>
    <message>
        <source>{path} is damaged; it was left untouched</source>
        <translation>{path} 已损坏；文件未被改动</translation>
    </message>
    <message>
        <source>{place}: a file name or text that is not UTF-8 (a lone surrogate, {character!r}) cannot be given to SQLite; nothing was saved</source>
        <translation>{place}：不是 UTF-8 的文件名或文本（孤立代理字符 {character!r}）不能交给 SQLite；未保存任何内容</translation>
    </message>
    <message>
        <source>{path} was made by an older annotator and must be upgraded before it can be read, but {error}</source>
        <translation>{path} 由旧版 annotator 创建，读取前必须升级，但 {error}</translation>
    </message>
    <message>
        <source>{path} kept changing while it was read; close the program writing it</source>
        <translation>读取时 {path} 一直在变化；请关闭正在写入它的程序</translation>
    </message>
    <message>
        <source>{path} is not a database file (a folder, a pipe or a device)</source>
        <translation>{path} 不是数据库文件（而是文件夹、管道或设备）</translation>
    </message>
    <message>
        <source>{where} holds what annotator never writes: {problem}{more}</source>
        <translation>{where} 中有 annotator 从不写入的内容：{problem}{more}</translation>
    </message>
    <message>
        <source>{where} is an SQLite file but not an annotator database</source>
        <translation>{where} 是 SQLite 文件，但不是 annotator 数据库</translation>
    </message>
    <message>
        <source>{where} is damaged: its {kind} {name} is missing</source>
        <translation>{where} 已损坏：缺少 {kind} {name}</translation>
    </message>
    <message>
        <source>there is no database at {path}</source>
        <translation>{path} 处没有数据库</translation>
    </message>
    <message>
        <source>{where} is damaged ({problem})</source>
        <translation>{where} 已损坏（{problem}）</translation>
    </message>
    <message>
        <source>cannot copy {path} to a private folder to read it: {strerror}</source>
        <translation>无法将 {path} 复制到私有文件夹以便读取：{strerror}</translation>
    </message>
    <message>
        <source>the database&apos;s {key} setting is damaged (not what annotator writes)</source>
        <translation>数据库的 {key} 设置已损坏（不是 annotator 写入的内容）</translation>
    </message>
    <message>
        <source>guidelines are text, not {type_name}</source>
        <translation>标注指南应为文本，而不是 {type_name}</translation>
    </message>
    <message>
        <source>the guidelines of a label hold at most {MAX_CHARS} characters</source>
        <translation>一个标签的标注指南最多 {MAX_CHARS} 个字符</translation>
    </message>
    <message>
        <source>guidelines cannot hold a NUL character</source>
        <translation>标注指南不能含有 NUL 字符</translation>
    </message>
    <message>
        <source>{path} is an SQLite file but not an annotator database (schema version {version}, {count} table(s) and index(es) of its own); the file was not changed</source>
        <translation>{path} 是 SQLite 文件，但不是 annotator 数据库（结构版本 {version}，自有 {count} 个表和索引）；文件未被改动</translation>
    </message>
    <message>
        <source>{path} was made by a newer annotator (schema version {current}; this one knows up to {LATEST_VERSION}). Upgrade annotator to open it; the file was not changed.</source>
        <translation>{path} 由更新版本的 annotator 创建（结构版本 {current}；本版本最高支持 {LATEST_VERSION}）。请升级 annotator 后再打开；文件未被改动。</translation>
    </message>
    <message>
        <source>no article {article_id} in {where}</source>
        <translation>{where} 中没有文章 {article_id}</translation>
    </message>
    <message>
        <source>unknown status {status!r}; expected one of {statuses}</source>
        <translation>未知状态 {status!r}；应为以下之一：{statuses}</translation>
    </message>
    <message>
        <source>a status filter needs the annotator whose status it is</source>
        <translation>按状态筛选需要指定是哪位标注员的状态</translation>
    </message>
    <message>
        <source>a flag filter needs the annotator whose flags they are</source>
        <translation>按标记筛选需要指定是哪位标注员的标记</translation>
    </message>
    <message>
        <source>refused {source!r}: {error}</source>
        <translation>已拒绝 {source!r}：{error}</translation>
    </message>
    <message>
        <source>no {kind} with id {row_id}</source>
        <translation>没有 id 为 {row_id} 的 {kind}</translation>
    </message>
    <message>
        <source>{where} is damaged: its label schema setting cannot be read ({type_name}: {error})</source>
        <translation>{where} 已损坏：无法读取其标签方案设置（{type_name}: {error}）</translation>
    </message>
    <message>
        <source>span {span_id} ({label} {text!r}) is a suggestion; accept it before adding a note or flag</source>
        <translation>标注 {span_id}（{label} {text!r}）是建议；请先接受，再添加备注或标记</translation>
    </message>
    <message>
        <source>officials {source_id} and {target_id} are not two of one set</source>
        <translation>官员 {source_id} 和 {target_id} 不属于同一个标注集</translation>
    </message>
    <message>
        <source>unknown record kind {kind!r}</source>
        <translation>未知记录类型 {kind!r}</translation>
    </message>
    <message>
        <source>edit_records changes official {official_id}, not one of {annotator}&apos;s on {article_id} that stays</source>
        <translation>edit_records 修改的官员 {official_id} 不是 {annotator} 在 {article_id} 上保留的官员</translation>
    </message>
    <message>
        <source>edit_records deletes {kind} {row_id}, not one of {annotator}&apos;s on {article_id}</source>
        <translation>edit_records 删除的 {kind} {row_id} 不属于 {annotator} 在 {article_id} 上的记录</translation>
    </message>
    <message>
        <source>edit_spans deletes a span outside {annotator}&apos;s set of {article_id}</source>
        <translation>edit_spans 删除的标注不在 {annotator} 对 {article_id} 的标注集中</translation>
    </message>
    <message>
        <source>only suggestions (spans of `auto`) of one article can be accepted</source>
        <translation>只能接受同一篇文章的建议（`auto` 的标注）</translation>
    </message>
    <message>
        <source>{target} is the database {db} or one of its -wal/-shm/-journal files; {writer} must go elsewhere</source>
        <translation>{target} 是数据库 {db} 或其 -wal/-shm/-journal 文件之一；{writer} 必须写到别处</translation>
    </message>
    <message>
        <source>the team record in {path} is damaged</source>
        <translation>{path} 中的团队记录已损坏</translation>
    </message>
    <message>
        <source>{path}: its list of handed-out articles is damaged</source>
        <translation>{path}：其已分发文章列表已损坏</translation>
    </message>
    <message>
        <source>{path} is neither a database file nor a folder</source>
        <translation>{path} 既不是数据库文件，也不是文件夹</translation>
    </message>
    <message>
        <source>{source}:{number}: expected two columns separated by a TAB</source>
        <translation>{source}:{number}：应为以 TAB 分隔的两列</translation>
    </message>
    <message>
        <source>lexicon {path} is missing</source>
        <translation>缺少词表 {path}</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}：{problem}</translation>
    </message>
    <message>
        <source>trigger {first!r} has unknown event type {second!r}</source>
        <translation>触发词 {first!r} 的事件类型 {second!r} 未知</translation>
    </message>
    <message>
        <source>cue {first!r} has unknown kind {second!r}; expected one of {kinds}</source>
        <translation>提示词 {first!r} 的类别 {second!r} 未知；应为以下之一：{kinds}</translation>
    </message>
    <message>
        <source>{folder}: a lexicon folder is expected here, not a file</source>
        <translation>{folder}：此处应为词表文件夹，而不是文件</translation>
    </message>
    <message>
        <source>{path}: not a lexicon of ours; a database&apos;s lexicon folder holds files named like the bundled ones: {files}</source>
        <translation>{path}：不是本程序的词表；数据库的词表文件夹只能包含与内置词表同名的文件：{files}</translation>
    </message>
    <message>
        <source>{path}: not UTF-8 text</source>
        <translation>{path}：不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>{path}: its words suggest {label}, a label this database&apos;s schema does not have</source>
        <translation>{path}：其词语用于建议标签 {label}，但本数据库的标签方案中没有该标签</translation>
    </message>
    <message>
        <source>{path}:{number}: {first!r} has modality kind {second!r}, which this database does not know; one of: {allowed}</source>
        <translation>{path}:{number}：{first!r} 的情态类别 {second!r} 本数据库不认识；应为以下之一：{allowed}</translation>
    </message>
    <message>
        <source>{path}:{number}: {first!r} has event type {second!r}, which this database does not know; one of: {allowed}</source>
        <translation>{path}:{number}：{first!r} 的事件类型 {second!r} 本数据库不认识；应为以下之一：{allowed}</translation>
    </message>
    <message>
        <source>a name cannot be blank</source>
        <translation>名字不能为空</translation>
    </message>
    <message>
        <source>a note holds at most {most} characters, this one {length}</source>
        <translation>备注最多 {most} 个字符，这条有 {length} 个</translation>
    </message>
    <message>
        <source>a note is text, not {kind}</source>
        <translation>备注应为文本，而不是 {kind}</translation>
    </message>
    <message>
        <source>article id {article_id!r} is a reserved device name</source>
        <translation>文章编号 {article_id!r} 是系统保留的设备名</translation>
    </message>
    <message>
        <source>article id {article_id!r} is not 1-64 lower-case letters, digits, &apos;_&apos; or &apos;-&apos;</source>
        <translation>文章编号 {article_id!r} 不是 1 到 64 个小写字母、数字、“_”或“-”</translation>
    </message>
    <message>
        <source>offsets must be integers, got {start!r}..{end!r}</source>
        <translation>偏移量必须是整数，收到的是 {start!r}..{end!r}</translation>
    </message>
    <message>
        <source>offsets {start}..{end} fall outside the text (length {length}) or are empty</source>
        <translation>偏移量 {start}..{end} 超出文本范围（长度 {length}）或为空</translation>
    </message>
    <message>
        <source>span text {expected!r} does not match the text at {start}..{end} ({found!r})</source>
        <translation>标注文本 {expected!r} 与 {start}..{end} 处的原文（{found!r}）不一致</translation>
    </message>
    <message>
        <source>unknown event modality {modality!r}; expected one of {allowed} or none</source>
        <translation>未知的事件情态 {modality!r}；应为以下之一或不填：{allowed}</translation>
    </message>
    <message>
        <source>{name!r} is reserved for {use}; choose another name</source>
        <translation>{name!r} 已保留给{use}；请另选一个名字</translation>
    </message>
    <message>
        <source>{name} links span {span_id}, a {label} span, not {wanted}</source>
        <translation>{name} 链接的标注 {span_id} 是 {label}，而不是 {wanted}</translation>
    </message>
    <message>
        <source>{name} links span {span_id}, which is not in the set</source>
        <translation>{name} 链接的标注 {span_id} 不在该标注集中</translation>
    </message>
    <message>
        <source>the machine&apos;s suggestions</source>
        <translation>机器建议</translation>
    </message>
    <message>
        <source>the adjudicated set</source>
        <translation>裁定后的金标准集</translation>
    </message>
    <message>
        <source>no annotation sets by {names}</source>
        <translation>没有 {names} 的标注集</translation>
    </message>
    <message>
        <source>reviewing needs two or more distinct annotators; got {chosen}</source>
        <translation>审阅需要两位或更多不同的标注员；收到的是 {chosen}</translation>
    </message>
    <message>
        <source>at most {most} annotators at once (keys 1–9); got {count}</source>
        <translation>一次最多 {most} 位标注员（按键 1–9）；收到 {count} 位</translation>
    </message>
    <message>
        <source>a lexicon kind cannot be named {stem!r}</source>
        <translation>词表类别不能命名为 {stem!r}</translation>
    </message>
</context>
<context>
    <name>DateDelegate</name>
    <message>
        <source>type it as YYYY-MM-DD (e.g. 2024-09-03), or empty the cell for no date</source>
        <translation>请按 YYYY-MM-DD 格式输入（如 2024-09-03），或清空单元格表示无日期</translation>
    </message>
    <message>
        <source>{text} is not a date: {problem}</source>
        <translation>{text} 不是日期：{problem}</translation>
    </message>
    <message>
        <source>{text} is not a date ({error}): {problem}</source>
        <translation>{text} 不是日期（{error}）：{problem}</translation>
    </message>
</context>
<context>
    <name>DateLineEdit</name>
    <message>
        <source>Choose from a calendar (Alt+Down)</source>
        <translation>从日历中选择（Alt+↓）</translation>
    </message>
</context>
<context>
    <name>EditorStatusBar</name>
    <message>
        <source>article {k} of {n}</source>
        <translation>第 {k} / {n} 篇</translation>
    </message>
    <message>
        <source>{n} articles listed</source>
        <translation>列出 {n} 篇文章</translation>
    </message>
    <message>
        <source>{n} done</source>
        <translation>已完成 {n} 篇</translation>
    </message>
    <message>
        <source>batch: {left} of {total} left</source>
        <translation>本批：剩 {left} / {total} 篇</translation>
    </message>
    <message>
        <source>{time} on this article</source>
        <translation>本文用时 {time}</translation>
    </message>
    <message>
        <source>saved: {what}</source>
        <translation>已保存：{what}</translation>
    </message>
    <message>
        <source>✓ saved {time}</source>
        <translation>✓ 已保存 {time}</translation>
    </message>
</context>
<context>
    <name>EventsTab</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(happened)</source>
        <translation>（已发生）</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Add the page text as decoded, spans mapped onto it (--original)</source>
        <translation>附上解码后的网页原文，并将片段映射到原文上（--original）</translation>
    </message>
    <message>
        <source>Relations beside the spans (--relations)</source>
        <translation>在片段旁附上关系（--relations）</translation>
    </message>
    <message>
        <source>Token and tag separated by a tab, no -DOCSTART- (--tab)</source>
        <translation>词元与标签以制表符分隔，不含 -DOCSTART-（--tab）</translation>
    </message>
    <message>
        <source>One row per person × post, CSV (--csv)</source>
        <translation>每人每个职务一行，CSV 格式（--csv）</translation>
    </message>
    <message>
        <source>Cut boilerplate regions out of the text (--body-only)</source>
        <translation>从文本中去掉版面噪声区域（--body-only）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>every person&apos;s labels</source>
        <translation>所有人的标注</translation>
    </message>
    <message>
        <source>a file, or a folder for brat and Label Studio</source>
        <translation>一个文件；brat 和 Label Studio 格式则为一个文件夹</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Labels of</source>
        <translation>导出谁的标注</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入到</translation>
    </message>
    <message>
        <source>say where the export goes</source>
        <translation>请指定导出位置</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Export into the folder</source>
        <translation>导出到文件夹</translation>
    </message>
</context>
<context>
    <name>FiguresBox</name>
    <message>
        <source>span F1</source>
        <translation>片段 F1</translation>
    </message>
    <message>
        <source>exact {exact} · overlap {overlap}</source>
        <translation>精确 {exact} · 重叠 {overlap}</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>boilerplate</source>
        <translation>版面噪声</translation>
    </message>
    <message>
        <source>{n} not opened by every annotator</source>
        <translation>{n} 篇并非每位标注员都打开过</translation>
    </message>
    <message>
        <source>{n} skipped by an annotator</source>
        <translation>{n} 篇被标注员跳过</translation>
    </message>
    <message>
        <source>{n} nobody labelled and nobody finished</source>
        <translation>{n} 篇无人标注也无人完成</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>officials F1</source>
        <translation>官员 F1</translation>
    </message>
    <message>
        <source>events F1</source>
        <translation>事件 F1</translation>
    </message>
    <message>
        <source>{a} vs {b}</source>
        <translation>{a} 对 {b}</translation>
    </message>
    <message>
        <source>F1 per label: exact (solid) / overlap (pale)</source>
        <translation>各标签 F1：精确（实色）/ 重叠（浅色）</translation>
    </message>
    <message>
        <source>1 article compared</source>
        <translation>比较了 1 篇文章</translation>
    </message>
    <message>
        <source>{n} articles compared</source>
        <translation>比较了 {n} 篇文章</translation>
    </message>
    <message>
        <source>; left out: {what}</source>
        <translation>；未计入：{what}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Corpus&lt;/b&gt; ({compared})</source>
        <translation>&lt;b&gt;全部语料&lt;/b&gt;（{compared}）</translation>
    </message>
    <message>
        <source>An article is compared when every annotator has a set, none skipped it, and all marked it done or at least one labelled something.</source>
        <translation>一篇文章纳入比较的条件：每位标注员都有标注集、无人跳过，并且所有人都已标为完成或至少有一人做了标注。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this article (Enter: next, Shift+Enter: previous, Esc: close)</source>
        <translation>在本文中查找（Enter：下一个，Shift+Enter：上一个，Esc：关闭）</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 处匹配</translation>
    </message>
    <message>
        <source>{n} matches</source>
        <translation>{n} 处匹配</translation>
    </message>
    <message>
        <source>{k} of {n}</source>
        <translation>{k}/{n}</translation>
    </message>
</context>
<context>
    <name>Guidelines</name>
    <message>
        <source>Examples:</source>
        <translation>示例：</translation>
    </message>
</context>
<context>
    <name>GuidelinesPanel</name>
    <message>
        <source>Back to the schema&apos;s text</source>
        <translation>恢复为标签方案中的原文</translation>
    </message>
    <message>
        <source>Forget this database&apos;s edit of the label&apos;s guidelines</source>
        <translation>放弃本数据库对该标签规范的修改</translation>
    </message>
    <message>
        <source>The rules for this label, read by every annotator</source>
        <translation>该标签的标注规范，所有标注员共用</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>标注规范</translation>
    </message>
    <message>
        <source>This database&apos;s guidelines (edited; saved as you type)</source>
        <translation>本数据库的标注规范（已修改；输入即保存）</translation>
    </message>
    <message>
        <source>From the label schema; typing here makes this database&apos;s own</source>
        <translation>来自标签方案；在此输入即成为本数据库自己的规范</translation>
    </message>
    <message>
        <source>guidelines of {label}</source>
        <translation>{label} 的标注规范</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import pages</source>
        <translation>导入网页</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Compute suggestions for the articles read</source>
        <translation>为读入的文章计算建议</translation>
    </message>
    <message>
        <source>Refuse pages larger than</source>
        <translation>拒绝大于此大小的网页</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>工作进程数</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>.txt, .html/.htm and .jsonl pages; folders are walked recursively. A page already imported is counted, not added again.</source>
        <translation>支持 .txt、.html/.htm 和 .jsonl 网页；文件夹会递归遍历。已导入过的网页只计数，不会重复添加。</translation>
    </message>
    <message>
        <source>Pages to import</source>
        <translation>要导入的网页</translation>
    </message>
    <message>
        <source>Pages (*.txt *.html *.htm *.jsonl);;All files (*)</source>
        <translation>网页 (*.txt *.html *.htm *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A folder of pages</source>
        <translation>网页所在文件夹</translation>
    </message>
</context>
<context>
    <name>KeyPrefix</name>
    <message>
        <source>{prefix} + {what}: {keys} (Esc: cancel)</source>
        <translation>{prefix} + {what}：{keys}（Esc：取消）</translation>
    </message>
    <message>
        <source>{key} is not a {what}; press B again, then one of the keys shown</source>
        <translation>{key} 不是{what}；请重新按 B，再按所示的某个键</translation>
    </message>
</context>
<context>
    <name>LabelBars</name>
    <message>
        <source>no spans</source>
        <translation>没有片段</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Guidelines</source>
        <translation>标注规范</translation>
    </message>
    <message>
        <source>boilerplate kind</source>
        <translation>版面噪声类别</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Import pages…</source>
        <translation>导入网页…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>Next article</source>
        <translation>下一篇文章</translation>
    </message>
    <message>
        <source>Previous article</source>
        <translation>上一篇文章</translation>
    </message>
    <message>
        <source>Mark done and go to the next todo</source>
        <translation>标为完成并转到下一篇待标注</translation>
    </message>
    <message>
        <source>Mark skipped</source>
        <translation>标为跳过</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>搜索文章</translation>
    </message>
    <message>
        <source>Note on the article…</source>
        <translation>文章备注…</translation>
    </message>
    <message>
        <source>Unsure about the article (on/off)</source>
        <translation>文章存疑（开/关）</translation>
    </message>
    <message>
        <source>Recompute suggestions for this article</source>
        <translation>重新计算本文的建议</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find in article</source>
        <translation>在文章中查找</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>标注(&amp;L)</translation>
    </message>
    <message>
        <source>Label selection as {label}</source>
        <translation>将所选文本标注为 {label}</translation>
    </message>
    <message>
        <source>Delete the selected span</source>
        <translation>删除所选片段</translation>
    </message>
    <message>
        <source>Link the label at the cursor to its official or event (again: unlink)</source>
        <translation>将光标处的标注关联到其官员或事件（再按一次：取消关联）</translation>
    </message>
    <message>
        <source>Note on the label at the cursor…</source>
        <translation>光标处标注的备注…</translation>
    </message>
    <message>
        <source>Unsure about the label at the cursor (on/off)</source>
        <translation>光标处标注存疑（开/关）</translation>
    </message>
    <message>
        <source>Mark selected lines as boilerplate (then a kind key)</source>
        <translation>将所选行标为版面噪声（再按类别键）</translation>
    </message>
    <message>
        <source>Mark selected lines as boilerplate</source>
        <translation>将所选行标为版面噪声</translation>
    </message>
    <message>
        <source>Boilerplate: {kind}</source>
        <translation>版面噪声：{kind}</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>建议(&amp;S)</translation>
    </message>
    <message>
        <source>Accept the suggestion at the cursor</source>
        <translation>接受光标处的建议</translation>
    </message>
    <message>
        <source>Reject the suggestion at the cursor</source>
        <translation>拒绝光标处的建议</translation>
    </message>
    <message>
        <source>Accept every suggestion in the article</source>
        <translation>接受本文全部建议</translation>
    </message>
    <message>
        <source>Offer the label at the string&apos;s other places in this article</source>
        <translation>在本文中该字符串的其他位置推荐同一标注</translation>
    </message>
    <message>
        <source>Next suggestion</source>
        <translation>下一条建议</translation>
    </message>
    <message>
        <source>Previous suggestion</source>
        <translation>上一条建议</translation>
    </message>
    <message>
        <source>Train the name tagger and event classifier on this database&apos;s labels…</source>
        <translation>用本数据库的标注训练人名识别模型和事件分类器…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Original page text</source>
        <translation>网页原文</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>默认文字大小</translation>
    </message>
    <message>
        <source>Snap selections to whole words</source>
        <translation>选择时自动对齐到整词</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>Compare annotators and adjudicate…</source>
        <translation>比较标注员并裁定…</translation>
    </message>
    <message>
        <source>Officials register…</source>
        <translation>官员名录…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Keys…</source>
        <translation>快捷键…</translation>
    </message>
    <message>
        <source>Label guidelines</source>
        <translation>标签标注规范</translation>
    </message>
    <message>
        <source>Language / 语言</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <source>reviewing opens the database file again; this one is in memory</source>
        <translation>审核需要再次打开数据库文件；当前数据库只在内存中</translation>
    </message>
    <message>
        <source>reviewing needs two annotators&apos; labels in this database (annotator merge copies them from other databases)</source>
        <translation>审核需要本数据库中有两位标注员的标注（用 annotator merge 从其他数据库复制）</translation>
    </message>
    <message>
        <source>Traditional page</source>
        <translation>繁体网页</translation>
    </message>
    <message>
        <source>{n} damaged spans</source>
        <translation>{n} 处受损文本</translation>
    </message>
    <message>
        <source>original page text (read-only)</source>
        <translation>网页原文（只读）</translation>
    </message>
    <message>
        <source>labels are made on the cleaned text: switch back with Ctrl+T</source>
        <translation>标注只能在清洗后的文本上进行：按 Ctrl+T 切换回去</translation>
    </message>
    <message>
        <source>no label at the cursor (Shift+C notes the whole article)</source>
        <translation>光标处没有标注（Shift+C 为整篇文章写备注）</translation>
    </message>
    <message>
        <source>no article is open</source>
        <translation>没有打开的文章</translation>
    </message>
    <message>
        <source>no span at the cursor</source>
        <translation>光标处没有片段</translation>
    </message>
    <message>
        <source>no pending suggestion at the cursor (Tab jumps to the next one)</source>
        <translation>光标处没有待处理的建议（按 Tab 跳到下一条）</translation>
    </message>
    <message>
        <source>put the cursor on a label first (O offers it where its text recurs)</source>
        <translation>请先将光标放在一个标注上（按 O 会在该文本再次出现的地方推荐它）</translation>
    </message>
    <message>
        <source>offered {label} {text} at 1 more place: Tab goes through them, A accepts, X rejects</source>
        <translation>已在另外 1 处推荐 {label} {text}：Tab 逐个查看，A 接受，X 拒绝</translation>
    </message>
    <message>
        <source>offered {label} {text} at {n} more places: Tab goes through them, A accepts, X rejects</source>
        <translation>已在另外 {n} 处推荐 {label} {text}：Tab 逐个查看，A 接受，X 拒绝</translation>
    </message>
    <message>
        <source>O again: every article</source>
        <translation>再按 O：推荐到所有文章</translation>
    </message>
    <message>
        <source>offering in every article needs a database file</source>
        <translation>在所有文章中推荐需要数据库文件</translation>
    </message>
    <message>
        <source>still offering {text} in every article</source>
        <translation>仍在所有文章中推荐 {text}</translation>
    </message>
    <message>
        <source>offering {label} {text} in every article: {done} of {total}</source>
        <translation>正在所有文章中推荐 {label} {text}：{done} / {total}</translation>
    </message>
    <message>
        <source>no pending suggestions in this article</source>
        <translation>本文没有待处理的建议</translation>
    </message>
    <message>
        <source>1 suggestion left pending: a label cannot cross a line break</source>
        <translation>1 条建议仍待处理：标注不能跨越换行</translation>
    </message>
    <message>
        <source>{n} suggestions left pending: a label cannot cross a line break</source>
        <translation>{n} 条建议仍待处理：标注不能跨越换行</translation>
    </message>
    <message>
        <source>suggested {label}: {text}   A accept · X reject</source>
        <translation>建议 {label}：{text}   A 接受 · X 拒绝</translation>
    </message>
    <message>
        <source>undone: {what}</source>
        <translation>已撤销：{what}</translation>
    </message>
    <message>
        <source>nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>redone: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <source>nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <source>every article in the list is done</source>
        <translation>列表中的文章已全部完成</translation>
    </message>
    <message>
        <source>1 suggestion is still pending (neither accepted nor rejected)</source>
        <translation>还有 1 条建议待处理（既未接受也未拒绝）</translation>
    </message>
    <message>
        <source>{n} suggestions are still pending (neither accepted nor rejected)</source>
        <translation>还有 {n} 条建议待处理（既未接受也未拒绝）</translation>
    </message>
    <message>
        <source>the article has 1 label.</source>
        <translation>本文有 1 个标注。</translation>
    </message>
    <message>
        <source>the article has {n} labels.</source>
        <translation>本文有 {n} 个标注。</translation>
    </message>
    <message>
        <source>{pending}; {labels}
{question}</source>
        <translation>{pending}；{labels}
{question}</translation>
    </message>
    <message>
        <source>Mark it done anyway?</source>
        <translation>仍然标为完成吗？</translation>
    </message>
    <message>
        <source>Pending suggestions</source>
        <translation>待处理的建议</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>标为完成</translation>
    </message>
    <message>
        <source>refreshed from the database</source>
        <translation>已从数据库刷新</translation>
    </message>
    <message>
        <source>{needle} is not in this article</source>
        <translation>本文中没有 {needle}</translation>
    </message>
    <message>
        <source>importing runs in the background on a database file</source>
        <translation>导入需要数据库文件，在后台运行</translation>
    </message>
    <message>
        <source>exporting runs in the background on a database file</source>
        <translation>导出需要数据库文件，在后台运行</translation>
    </message>
    <message>
        <source>training writes its model beside a database file</source>
        <translation>训练需要数据库文件，模型会保存在其旁边</translation>
    </message>
    <message>
        <source>suggestions are recomputed in the background on a database file</source>
        <translation>建议需要数据库文件，在后台重新计算</translation>
    </message>
    <message>
        <source>recomputing suggestions…</source>
        <translation>正在重新计算建议…</translation>
    </message>
    <message>
        <source>time not saved: {error}</source>
        <translation>用时未保存：{error}</translation>
    </message>
</context>
<context>
    <name>Modality</name>
    <message>
        <source>planned</source>
        <translation>计划中</translation>
    </message>
    <message>
        <source>hoped</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>habitual</source>
        <translation>惯常</translation>
    </message>
    <message>
        <source>negated</source>
        <translation>否定</translation>
    </message>
    <message>
        <source>generic</source>
        <translation>泛指</translation>
    </message>
    <message>
        <source>condolence</source>
        <translation>慰问函电</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题名称</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Why is this doubtful? What should a reviewer check?</source>
        <translation>为什么存疑？审核员应检查什么？</translation>
    </message>
    <message>
        <source>Unsure: a reviewer should look at this</source>
        <translation>存疑：需要审核员查看</translation>
    </message>
    <message>
        <source>At most {n} characters. An empty note removes it.</source>
        <translation>最多 {n} 个字符。备注留空即删除。</translation>
    </message>
    <message>
        <source>Note on the {label} span “{text}”</source>
        <translation>{label} 片段“{text}”的备注</translation>
    </message>
    <message>
        <source>Note on the article “{title}”</source>
        <translation>文章“{title}”的备注</translation>
    </message>
</context>
<context>
    <name>OfficialsTab</name>
    <message>
        <source>{name} changed meanwhile; rename it again</source>
        <translation>{name} 已被修改；请重新命名</translation>
    </message>
    <message>
        <source>{target} is already an official of this article. Merge {source} into it? Their mentions, titles and events are joined (Ctrl+Z undoes the merge).

No: {source} keeps its name.</source>
        <translation>{target} 已是本文的官员。要将 {source} 合并到其中吗？二者的提及、职务和事件将合并（Ctrl+Z 可撤销合并）。

选“否”：{source} 保留原名。</translation>
    </message>
    <message>
        <source>Merge officials?</source>
        <translation>合并官员？</translation>
    </message>
    <message>
        <source>not renamed: {name} is already an official of this article</source>
        <translation>未重命名：{name} 已是本文的官员</translation>
    </message>
</context>
<context>
    <name>RecordEditDialog</name>
    <message>
        <source>Gold official</source>
        <translation>金标准官员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Titles (、)</source>
        <translation>职务（用、分隔）</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Gold event</source>
        <translation>金标准事件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Participants (、)</source>
        <translation>参与者（用、分隔）</translation>
    </message>
    <message>
        <source>(happened)</source>
        <translation>（已发生）</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>情态</translation>
    </message>
    <message>
        <source>Officials in gold</source>
        <translation>金标准中的官员</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>end date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>the end date {end} comes before the date {start}</source>
        <translation>结束日期 {end} 早于开始日期 {start}</translation>
    </message>
    <message>
        <source>{names}: not an official of gold (decide that official first)</source>
        <translation>{names}：不是金标准中的官员（请先裁定该官员）</translation>
    </message>
</context>
<context>
    <name>RecordModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Titles</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>separate titles with 、</source>
        <translation>多个职务用、分隔</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>Linked</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>linked spans: L on a label links or unlinks it</source>
        <translation>已关联的片段：在标注上按 L 关联或取消关联</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与者</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>情态</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>? unsure (U) · ✎ has a note (C)</source>
        <translation>? 存疑 (U) · ✎ 有备注 (C)</translation>
    </message>
    <message>
        <source>accepted from a suggestion (its suggester and score), or labelled by hand</source>
        <translation>接受自建议（注明建议来源和得分），或手工标注</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected row (Delete)</source>
        <translation>删除所选行（Delete）</translation>
    </message>
    <message>
        <source>Add event</source>
        <translation>添加事件</translation>
    </message>
    <message>
        <source>Add an event record to this article</source>
        <translation>为本文添加一条事件记录</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>Write or change the selected label&apos;s note and unsure flag (C in the text)</source>
        <translation>填写或修改所选标注的备注和存疑标记（在正文中按 C）</translation>
    </message>
</context>
<context>
    <name>RecordsView</name>
    <message>
        <source>Official {name}</source>
        <translation>官员 {name}</translation>
    </message>
    <message>
        <source>Event {type}</source>
        <translation>事件 {type}</translation>
    </message>
    <message>
        <source>{count} mentions</source>
        <translation>{count} 处提及</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>no place</source>
        <translation>无地点</translation>
    </message>
    <message>
        <source>evidence</source>
        <translation>有依据</translation>
    </message>
    <message>
        <source>{count} linked span</source>
        <translation>关联 {count} 个片段</translation>
    </message>
    <message>
        <source>{count} linked spans</source>
        <translation>关联 {count} 个片段</translation>
    </message>
    <message>
        <source>agreed, not in gold yet</source>
        <translation>一致，尚未进入金标准</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未裁定</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{name}&apos;s</source>
        <translation>{name} 的</translation>
    </message>
    <message>
        <source>gold holds {names}</source>
        <translation>金标准采用 {names}</translation>
    </message>
    <message>
        <source>gold holds none</source>
        <translation>金标准均不采用</translation>
    </message>
    <message>
        <source>gold holds its own version</source>
        <translation>金标准采用自己的版本</translation>
    </message>
    <message>
        <source>gold&apos;s own record</source>
        <translation>金标准自有记录</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>No officials or events in any set.</source>
        <translation>所有标注集中都没有官员或事件。</translation>
    </message>
</context>
<context>
    <name>RegisterWindow</name>
    <message>
        <source>Officials register</source>
        <translation>官员名录</translation>
    </message>
    <message>
        <source>Name or post (马兴瑞, 省委书记)…</source>
        <translation>姓名或职务（马兴瑞、省委书记）…</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>最早出现</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最近出现</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Split the selected articles off</source>
        <translation>拆分出所选文章</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Undo last merge/split</source>
        <translation>撤销上次合并/拆分</translation>
    </message>
    <message>
        <source>Articles (double-click opens one)</source>
        <translation>文章（双击打开）</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>疑点</translation>
    </message>
    <message>
        <source>Building the register…</source>
        <translation>正在生成官员名录…</translation>
    </message>
    <message>
        <source>{persons} persons from {articles} articles; {flags} flags</source>
        <translation>{persons} 人，来自 {articles} 篇文章；{flags} 个疑点</translation>
    </message>
    <message>
        <source>  (also {names})</source>
        <translation>（又名 {names}）</translation>
    </message>
    <message>
        <source>Select some, not all, of the person&apos;s articles to split off</source>
        <translation>请选择此人的部分（而非全部）文章进行拆分</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>The same person as:</source>
        <translation>与此人为同一人：</translation>
    </message>
    <message>
        <source>No merge or split to undo</source>
        <translation>没有可撤销的合并或拆分</translation>
    </message>
</context>
<context>
    <name>ReviewListModel</name>
    <message>
        <source>span F1 (exact) between the annotators; {n} unmatched spans</source>
        <translation>标注员之间的片段 F1（精确）；{n} 个未匹配片段</translation>
    </message>
    <message>
        <source>{marks}: an annotator left an unsure flag or a note</source>
        <translation>{marks}：有标注员留下了存疑标记或备注</translation>
    </message>
</context>
<context>
    <name>ReviewNotes</name>
    <message>
        <source>article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Notes and flags of each annotator: {unsure} unsure, {note} note, {here} inside the disagreement in hand</source>
        <translation>各标注员的备注和标记：{unsure} 存疑，{note} 备注，{here} 位于当前分歧内</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>in-memory database</source>
        <translation>内存数据库</translation>
    </message>
    <message>
        <source>Review — {where}</source>
        <translation>审核 — {where}</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>%v of %m adjudicated</source>
        <translation>已裁定 %v / %m</translation>
    </message>
    <message>
        <source>This article</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Corpus</source>
        <translation>全部语料</translation>
    </message>
    <message>
        <source>&lt;b&gt;Records&lt;/b&gt; (officials and events), one by one</source>
        <translation>&lt;b&gt;记录&lt;/b&gt;（官员和事件），逐条裁定</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审核(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Disagreement</source>
        <translation>分歧(&amp;D)</translation>
    </message>
    <message>
        <source>Re&amp;cord</source>
        <translation>记录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Label guidelines</source>
        <translation>标签标注规范</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Next disagreement</source>
        <translation>下一处分歧</translation>
    </message>
    <message>
        <source>Previous disagreement</source>
        <translation>上一处分歧</translation>
    </message>
    <message>
        <source>Take {name}&apos;s version</source>
        <translation>采用 {name} 的版本</translation>
    </message>
    <message>
        <source>Edit: select the span…</source>
        <translation>编辑：选择片段…</translation>
    </message>
    <message>
        <source>Accept agreed spans and records</source>
        <translation>接受一致的片段和记录</translation>
    </message>
    <message>
        <source>Next record</source>
        <translation>下一条记录</translation>
    </message>
    <message>
        <source>Previous record</source>
        <translation>上一条记录</translation>
    </message>
    <message>
        <source>Take {name}&apos;s version of the record</source>
        <translation>采用 {name} 的记录版本</translation>
    </message>
    <message>
        <source>None of them: no such record</source>
        <translation>均不采用：不存在此记录</translation>
    </message>
    <message>
        <source>Edit the record…</source>
        <translation>编辑记录…</translation>
    </message>
    <message>
        <source>Take all {name}&apos;s officials and events</source>
        <translation>采用 {name} 的全部官员和事件</translation>
    </message>
    <message>
        <source>Adjudicated, next article</source>
        <translation>裁定完成，下一篇</translation>
    </message>
    <message>
        <source>Next article</source>
        <translation>下一篇文章</translation>
    </message>
    <message>
        <source>Previous article</source>
        <translation>上一篇文章</translation>
    </message>
    <message>
        <source>{n}: take {name}</source>
        <translation>{n}：采用 {name}</translation>
    </message>
    <message>
        <source>E: edit…</source>
        <translation>E：编辑…</translation>
    </message>
    <message>
        <source>Shift+A: accept agreed</source>
        <translation>Shift+A：接受一致项</translation>
    </message>
    <message>
        <source>Ctrl+Enter: adjudicated</source>
        <translation>Ctrl+Enter：裁定完成</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Ctrl+{n}: {name}&apos;s</source>
        <translation>Ctrl+{n}：{name} 的</translation>
    </message>
    <message>
        <source>Ctrl+0: none</source>
        <translation>Ctrl+0：均不采用</translation>
    </message>
    <message>
        <source>Ctrl+E: edit…</source>
        <translation>Ctrl+E：编辑…</translation>
    </message>
    <message>
        <source>R: next record</source>
        <translation>R：下一条记录</translation>
    </message>
    <message>
        <source>Ctrl+Shift+{n}: all {name}&apos;s</source>
        <translation>Ctrl+Shift+{n}：{name} 的全部</translation>
    </message>
    <message>
        <source>not every annotator has a set on this article</source>
        <translation>并非每位标注员都标注了本文</translation>
    </message>
    <message>
        <source>1 disagreement</source>
        <translation>1 处分歧</translation>
    </message>
    <message>
        <source>{n} disagreements</source>
        <translation>{n} 处分歧</translation>
    </message>
    <message>
        <source>&lt;b&gt;This article&lt;/b&gt; ({count})</source>
        <translation>&lt;b&gt;本文&lt;/b&gt;（{count}）</translation>
    </message>
    <message>
        <source>Lanes under each line, top to bottom: {lanes}. Bars take the label&apos;s colour; text shaded = gold so far; boxes = disagreements (&lt;span style=&apos;color:#e67e00&apos;&gt;open&lt;/span&gt;, &lt;span style=&apos;color:#2e7d32&apos;&gt;gold holds a version&lt;/span&gt;). Ctrl+Z undoes the last decision.</source>
        <translation>每行下方的泳道自上而下为：{lanes}。色条为标签颜色；底纹文本 = 目前的金标准；方框 = 分歧（&lt;span style=&apos;color:#e67e00&apos;&gt;未裁定&lt;/span&gt;、&lt;span style=&apos;color:#2e7d32&apos;&gt;金标准已采用某一版本&lt;/span&gt;）。Ctrl+Z 撤销上一次裁定。</translation>
    </message>
    <message>
        <source>Gold: &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation>金标准：&lt;b&gt;{status}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{k} of 1 disagreement settled</source>
        <translation>已裁定 {k} / 1 处分歧</translation>
    </message>
    <message>
        <source>{k} of {n} disagreements settled</source>
        <translation>已裁定 {k} / {n} 处分歧</translation>
    </message>
    <message>
        <source>1 agreed span</source>
        <translation>1 个一致片段</translation>
    </message>
    <message>
        <source>{n} agreed spans</source>
        <translation>{n} 个一致片段</translation>
    </message>
    <message>
        <source>{k} of 1 record decided</source>
        <translation>已裁定 {k} / 1 条记录</translation>
    </message>
    <message>
        <source>{k} of {n} records decided</source>
        <translation>已裁定 {k} / {n} 条记录</translation>
    </message>
    <message>
        <source>No span disagreements: Shift+A accepts the agreed spans and records.</source>
        <translation>没有片段分歧：Shift+A 接受一致的片段和记录。</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未裁定</translation>
    </message>
    <message>
        <source>gold holds an edited version</source>
        <translation>金标准采用编辑后的版本</translation>
    </message>
    <message>
        <source>gold holds {names}</source>
        <translation>金标准采用 {names}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{name}&apos;s</source>
        <translation>{name} 的</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>regions</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>&lt;b&gt;Disagreement {k} of {n}&lt;/b&gt; ({group}, characters {start}–{end}): {holds}</source>
        <translation>&lt;b&gt;第 {k} / {n} 处分歧&lt;/b&gt;（{group}，字符 {start}–{end}）：{holds}</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Adjudicated: {k} of 1 article</source>
        <translation>已裁定：{k} / 1 篇</translation>
    </message>
    <message>
        <source>Adjudicated: {k} of {n} articles</source>
        <translation>已裁定：{k} / {n} 篇</translation>
    </message>
    <message>
        <source>last disagreement; Ctrl+Enter marks the article adjudicated</source>
        <translation>已是最后一处分歧；按 Ctrl+Enter 将本文标为裁定完成</translation>
    </message>
    <message>
        <source>first disagreement</source>
        <translation>已是第一处分歧</translation>
    </message>
    <message>
        <source>saved: {what}</source>
        <translation>已保存：{what}</translation>
    </message>
    <message>
        <source>no disagreement here</source>
        <translation>此处没有分歧</translation>
    </message>
    <message>
        <source>every span disagreement settled; 1 record still open (R)</source>
        <translation>片段分歧已全部裁定；还有 1 条记录未裁定（R）</translation>
    </message>
    <message>
        <source>every span disagreement settled; {n} records still open (R)</source>
        <translation>片段分歧已全部裁定；还有 {n} 条记录未裁定（R）</translation>
    </message>
    <message>
        <source>every disagreement settled: Ctrl+Enter marks the article adjudicated</source>
        <translation>分歧已全部裁定：按 Ctrl+Enter 将本文标为裁定完成</translation>
    </message>
    <message>
        <source>{name}&apos;s version</source>
        <translation>{name} 的版本</translation>
    </message>
    <message>
        <source>edited {label} {start}–{end}</source>
        <translation>已编辑 {label} {start}–{end}</translation>
    </message>
    <message>
        <source>undo: {error}</source>
        <translation>撤销：{error}</translation>
    </message>
    <message>
        <source>redo: {error}</source>
        <translation>重做：{error}</translation>
    </message>
    <message>
        <source>nothing to undo here</source>
        <translation>此处没有可撤销的操作</translation>
    </message>
    <message>
        <source>nothing to redo here</source>
        <translation>此处没有可重做的操作</translation>
    </message>
    <message>
        <source>undone: {what}</source>
        <translation>已撤销：{what}</translation>
    </message>
    <message>
        <source>redone: {what}</source>
        <translation>已重做：{what}</translation>
    </message>
    <message>
        <source>accept agreed spans and records</source>
        <translation>接受一致的片段和记录</translation>
    </message>
    <message>
        <source>last record</source>
        <translation>已是最后一条记录</translation>
    </message>
    <message>
        <source>first record</source>
        <translation>已是第一条记录</translation>
    </message>
    <message>
        <source>no officials or events on this article</source>
        <translation>本文没有官员或事件</translation>
    </message>
    <message>
        <source>{name}&apos;s version of the record</source>
        <translation>{name} 的记录版本</translation>
    </message>
    <message>
        <source>none of them</source>
        <translation>均不采用</translation>
    </message>
    <message>
        <source>edited record</source>
        <translation>已编辑的记录</translation>
    </message>
    <message>
        <source>{name}&apos;s officials and events</source>
        <translation>{name} 的官员和事件</translation>
    </message>
    <message>
        <source>not adjudicated: {what}</source>
        <translation>未裁定完成：{what}</translation>
    </message>
    <message>
        <source>adjudicated</source>
        <translation>裁定完成</translation>
    </message>
    <message>
        <source>{n} span</source>
        <translation>{n} 处片段</translation>
    </message>
    <message>
        <source>{n} official</source>
        <translation>{n} 处官员</translation>
    </message>
    <message>
        <source>{n} event</source>
        <translation>{n} 处事件</translation>
    </message>
    <message>
        <source> and </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{listed} disagreement still open</source>
        <translation>{listed}分歧仍未裁定</translation>
    </message>
    <message>
        <source>{listed} disagreements still open</source>
        <translation>{listed}分歧仍未裁定</translation>
    </message>
    <message>
        <source>1 agreed span not in gold yet (Shift+A)</source>
        <translation>1 个一致片段尚未进入金标准（Shift+A）</translation>
    </message>
    <message>
        <source>{n} agreed spans not in gold yet (Shift+A)</source>
        <translation>{n} 个一致片段尚未进入金标准（Shift+A）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>nothing still open</source>
        <translation>没有未裁定的内容</translation>
    </message>
    <message>
        <source>every article is adjudicated</source>
        <translation>所有文章均已裁定</translation>
    </message>
</context>
<context>
    <name>SideTabs</name>
    <message>
        <source>Officials</source>
        <translation>官员</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Boilerplate</source>
        <translation>版面噪声</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>片段</translation>
    </message>
</context>
<context>
    <name>SpanEditDialog</name>
    <message>
        <source>Gold span</source>
        <translation>金标准片段</translation>
    </message>
    <message>
        <source>Select the span in the text (mouse, or Shift+arrows); Enter keeps it, Esc leaves gold as it is.</source>
        <translation>在文本中选择片段（鼠标或 Shift+方向键）；Enter 确认，Esc 保持金标准不变。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>select the text of the span (spaces and punctuation alone are no span)</source>
        <translation>请选择片段文本（只有空格和标点不构成片段）</translation>
    </message>
    <message>
        <source>a label cannot cross a line break: select within one line</source>
        <translation>标注不能跨越换行：请在同一行内选择</translation>
    </message>
</context>
<context>
    <name>SpansTab</name>
    <message>
        <source>suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>hand</source>
        <translation>手工</translation>
    </message>
    <message>
        <source>Article: {mark} unsure</source>
        <translation>文章：{mark} 存疑</translation>
    </message>
    <message>
        <source>Article note ({mark}): {note}</source>
        <translation>文章备注（{mark}）：{note}</translation>
    </message>
    <message>
        <source>{source} {score}</source>
        <translation>{source} {score}</translation>
    </message>
    <message>
        <source>select a label in the table first</source>
        <translation>请先在表格中选择一个标注</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>todo</source>
        <translation>待标注</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>已跳过</translation>
    </message>
</context>
<context>
    <name>TaggerTraining</name>
    <message>
        <source>The base corpus (People&apos;s Daily 1998-01, PKU format)</source>
        <translation>基础语料（《人民日报》1998 年 1 月，北大格式）</translation>
    </message>
    <message>
        <source>Training cancelled: the model and the suggestions are as they were.</source>
        <translation>训练已取消：模型和建议均保持原样。</translation>
    </message>
    <message>
        <source>The name tagger learned from {corpus} corpus sentences and {own} lines of this database in {seconds} s.</source>
        <translation>人名识别模型学习了 {corpus} 个语料句子和本数据库的 {own} 行，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Persons in the corpus&apos;s {split} split, before: P {p} R {r} F1 {f}</source>
        <translation>语料 {split} 部分的人名，训练前：P {p} R {r} F1 {f}</translation>
    </message>
    <message>
        <source>Persons in the corpus&apos;s {split} split, now: P {p} R {r} F1 {f}</source>
        <translation>语料 {split} 部分的人名，现在：P {p} R {r} F1 {f}</translation>
    </message>
    <message>
        <source>Training the event classifier was cancelled: it is as it was.</source>
        <translation>事件分类器的训练已取消：它保持原样。</translation>
    </message>
    <message>
        <source>The event classifier learned from {n} sentences ({articles} labelled articles of this database) in {seconds} s.</source>
        <translation>事件分类器学习了 {n} 个句子（本数据库的 {articles} 篇已标注文章），用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Suggestions recomputed for {n} article(s) nobody has touched; labelled articles keep theirs.</source>
        <translation>已为 {n} 篇无人处理的文章重新计算建议；已标注的文章保留原有建议。</translation>
    </message>
    <message>
        <source>Training the name tagger</source>
        <translation>训练人名识别模型</translation>
    </message>
</context>
<context>
    <name>TrainingProgress</name>
    <message>
        <source>Reading the base corpus and this database&apos;s labels…</source>
        <translation>正在读取基础语料和本数据库的标注…</translation>
    </message>
    <message>
        <source>Training the name tagger…</source>
        <translation>正在训练人名识别模型…</translation>
    </message>
    <message>
        <source>Measuring the old and the new model…</source>
        <translation>正在评估新旧模型…</translation>
    </message>
    <message>
        <source>Training the event classifier…</source>
        <translation>正在训练事件分类器…</translation>
    </message>
    <message>
        <source>Recomputing the suggestions of untouched articles…</source>
        <translation>正在为未标注的文章重新计算建议…</translation>
    </message>
</context>
<context>
    <name>TransferProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling: finishing the batch under way…</source>
        <translation>正在取消：正在完成当前批次…</translation>
    </message>
    <message>
        <source>stopped without a summary</source>
        <translation>已停止，没有汇总</translation>
    </message>
    <message>
        <source>{n} file(s) failed; the reasons are in the details.</source>
        <translation>{n} 个文件失败；原因见详细信息。</translation>
    </message>
</context>
</TS>
