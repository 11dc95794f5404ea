# folio デフォルトテーマの文言とレンダラーのラベル（日本語）。

## ヘッダー、サイドバー、フッター

skip-to-content = コンテンツにスキップ
site-nav-label = サイト
tags = タグ
feed = フィード
dark-mode = ダークモード
toggle-dark-mode = ダークモードを切り替える
guide-contents = ガイドの目次
guide-nav-label = ガイド
breadcrumb-label = パンくずリスト
atom-feed = Atom フィード
built-with = { $generator } で作成
language-menu-label = 言語

## 日付：月（数字）と日付の書式。

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

## 記事

published = 公開日
updated = 更新日
by = 著者:
reading-time = { $minutes } 分で読めます
on-this-page = このページの内容
previous = 前へ
next = 次へ
previous-and-next-label = 前後のページ
pagination-label = ページ送り
pagination-page = ページ
draft = 下書き
scheduled = 予約済み
tags-label = タグ

## Q&A

kind-question = Q&A
kind-article = 記事
status-accepted = 解決済み
status-answered = 回答あり
status-unanswered = 未回答
answer-count =
    { $count ->
       *[other] { $count } 件の回答
    }
vote-count =
    { $count ->
       *[other] { $count } 票
    }
# 回答の投票欄で数字の後に付く語。
votes-label =
    { $count ->
       *[other] 票
    }
asked-by = 質問者:
answers = 回答
accepted-answer = 承認された回答
answer = 回答
# 投稿者名の前：「回答者: Ana」。
answer-by = 回答者:
permalink = リンク
permalink-answer = （この回答）
permalink-reply = このコメントへのリンク
replies-to-question = 質問へのコメント
replies-to-answer = この回答へのコメント
no-answers-title = まだ回答はありません
no-answers-text = この質問にはまだ誰も回答していません。

## 一覧

nav-all-pages = 全 { $count } ページ
page-count =
    { $count ->
       *[other] { $count } ページ
    }
# タグのページ数の後、スクリーンリーダー向け：「12 ページ」。
pages-word =
    { $count ->
       *[other] ページ
    }
sections = セクション
recent-articles = 最近の記事
recent-questions = 最近の質問
subsections = サブセクション
pages = ページ
pages-of = （{ $current }/{ $total }）
section-empty-title = まだ何もありません
section-empty-text = このセクションにはまだページがありません。
tagged = タグ
tagged-title = タグ「{ $tag }」
page-of = { $current }/{ $total } ページ
listing-page-title = { $title }（{ $current }/{ $total } ページ）
tag-feed = このタグの Atom フィード
all-tags = すべてのタグ
tag-empty = タグ「{ $tag }」の付いたページはありません
tags-lead = 記事と質問をトピック別に見る。
tags-empty-title = まだタグはありません
tags-empty-text = ページのタグは front matter に記述します。まだタグの付いたページはありません。

## 404 ページとリダイレクト

not-found-title = ページが見つかりません
not-found-text = お探しのページは存在しないか、移動しました。
back-home = ホームページに戻る
guide-sections = このガイドのセクション
# エイリアスが旧アドレスに残すページで、移動先へのリンクの前。
moved-to = このページの移動先:

## 翻訳

# { $language } は原文の言語を、その言語自身の名前で表します（「English」）。
translation-outdated = このページの翻訳後に、原文（{ $language }）が更新されています。
read-original = 原文を読む

## コードブロック（コピーボタン）

copy = コピー
copy-code = コードをコピー
copy-language-code = { $language } のコードをコピー
copied = コピーしました
copy-failed = コピーに失敗しました

## folio がコンテンツに書き込むラベル

heading-anchor = このセクションへのリンク: { $title }
footnotes = 脚注
footnote-back = 参照 { $number } に戻る
table = 表
table-of = 表: { $columns }
alert-note = メモ
alert-tip = ヒント
alert-important = 重要
alert-warning = 警告
alert-caution = 注意
task-done = 完了
task-open = 未完了

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = 検索
search-placeholder = ガイドを検索
# How many results a query found.
search-results = { $count } 件の結果
search-no-results = 「{ $query }」に一致する結果はありません
search-error = 検索を読み込めませんでした。しばらくしてからもう一度お試しください。
# What a result is, beside its author.
search-question = 質問
search-answer = 回答
search-accepted-answer = 承認された回答
search-reply = コメント
# Above the search box of the page shown for a missing page.
not-found-search = または検索してください：
