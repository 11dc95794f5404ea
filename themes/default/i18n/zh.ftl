# folio 默认主题文本及渲染器标签（简体中文）。

## 页眉、侧边栏、页脚

skip-to-content = 跳转到内容
site-nav-label = 站点
tags = 标签
feed = 订阅源
dark-mode = 深色模式
toggle-dark-mode = 切换深色模式
guide-contents = 指南目录
guide-nav-label = 指南
breadcrumb-label = 面包屑导航
atom-feed = Atom 订阅源
built-with = 使用 { $generator } 构建
language-menu-label = 语言

## 日期：月份（数字）及日期格式。

month-1 = 1
month-2 = 2
month-3 = 3
month-4 = 4
month-5 = 5
month-6 = 6
month-7 = 7
month-8 = 8
month-9 = 9
month-10 = 10
month-11 = 11
month-12 = 12
date = { $year }年{ $month }月{ $day }日

## 文章

published = 发布于
updated = 更新于
by = 作者：
reading-time = 阅读时间 { $minutes } 分钟
on-this-page = 本页内容
previous = 上一页
next = 下一页
previous-and-next-label = 上一页和下一页
pagination-label = 分页
pagination-page = 页
draft = 草稿
scheduled = 定时发布
tags-label = 标签

## 问答

kind-question = 问答
kind-article = 文章
status-accepted = 已采纳
status-answered = 已回答
status-unanswered = 未回答
answer-count =
    { $count ->
       *[other] { $count } 个回答
    }
vote-count =
    { $count ->
       *[other] { $count } 票
    }
# 回答投票框中数字后的词。
votes-label =
    { $count ->
       *[other] 票
    }
asked-by = 提问者：
answers = 回答
accepted-answer = 已采纳的回答
answer = 回答
# 作者名前："回答者：Ana"。
answer-by = 回答者：
permalink = 链接
permalink-answer = （此回答）
permalink-reply = 指向此评论的链接
replies-to-question = 问题的评论
replies-to-answer = 此回答的评论
no-answers-title = 暂无回答
no-answers-text = 目前还没有人回答这个问题。

## 列表

nav-all-pages = 全部 { $count } 个页面
page-count =
    { $count ->
       *[other] { $count } 个页面
    }
# 标签页数之后，供屏幕阅读器使用："12 个页面"。
pages-word =
    { $count ->
       *[other] 个页面
    }
sections = 章节
recent-articles = 最新文章
recent-questions = 最新问题
subsections = 子章节
pages = 页面
pages-of = （{ $current }/{ $total }）
section-empty-title = 这里还没有内容
section-empty-text = 此章节目前还没有页面。
tagged = 标签
tagged-title = 标签「{ $tag }」
page-of = 第 { $current } 页，共 { $total } 页
listing-page-title = { $title }（第 { $current } 页，共 { $total } 页）
tag-feed = 此标签的 Atom 订阅源
all-tags = 全部标签
tag-empty = 没有标记为 { $tag } 的内容
tags-lead = 按主题浏览文章和问题。
tags-empty-title = 暂无标签
tags-empty-text = 页面在 front matter 中列出标签；目前还没有页面设置标签。

## 404 页面与重定向

not-found-title = 找不到页面
not-found-text = 你要查找的页面不存在或已被移动。
back-home = 返回首页
guide-sections = 本指南的章节
# 别名在旧地址留下的页面上，位于指向新页面的链接之前。
moved-to = 此页面已移至

## 翻译

# { $language } 是原文的语言，以其自身名称表示（"English"）。
translation-outdated = 自本页翻译以来，原文（{ $language }）已有更新。
read-original = 阅读原文

## 代码块（复制按钮）

copy = 复制
copy-code = 复制代码
copy-language-code = 复制 { $language } 代码
copied = 已复制
copy-failed = 复制失败

## folio 写入内容的标签

heading-anchor = 链接到此章节：{ $title }
footnotes = 脚注
footnote-back = 返回引用 { $number }
table = 表格
table-of = 表格：{ $columns }
alert-note = 备注
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 小心
task-done = 已完成
task-open = 未完成

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = 搜索
search-placeholder = 搜索指南
# How many results a query found.
search-results = { $count } 个结果
search-no-results = 没有找到“{ $query }”的结果
search-error = 无法加载搜索，请稍后再试。
# What a result is, beside its author.
search-question = 问题
search-answer = 回答
search-accepted-answer = 已采纳的回答
search-reply = 评论
# Above the search box of the page shown for a missing page.
not-found-search = 或者搜索一下：
