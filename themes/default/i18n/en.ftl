# The default theme's words, and the labels folio's renderer writes into content, in English.
# Every other language's file has the same messages. A site overrides any of them in
# i18n/LANG.ftl at its root (message by message), or adds a language there.
# Plural forms follow CLDR (https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html).

## Header, sidebar, footer

skip-to-content = Skip to content
site-nav-label = Site
tags = Tags
feed = Feed
dark-mode = Dark mode
toggle-dark-mode = Toggle dark mode
guide-contents = Guide contents
guide-nav-label = Guide
breadcrumb-label = Breadcrumb
atom-feed = Atom feed
built-with = Built with { $generator }
language-menu-label = Language

## Dates: the month names as a date writes them (in languages that inflect, the form used
## after a day), and the date itself. { $month } is one of the month names below.

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
date = { $month } { $day }, { $year }

## Articles

published = Published
updated = Updated
by = By
reading-time = { $minutes } min read
on-this-page = On this page
previous = Previous
next = Next
previous-and-next-label = Previous and next
pagination-label = Pagination
pagination-page = Page
draft = Draft
scheduled = Scheduled
tags-label = Tags

## Q&A threads

kind-question = Q&A
kind-article = Article
status-accepted = Accepted
status-answered = Answered
status-unanswered = Unanswered
answer-count =
    { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    }
vote-count =
    { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
# The word after the number in an answer's vote box.
votes-label =
    { $count ->
        [one] vote
       *[other] votes
    }
asked-by = Asked by
answers = Answers
accepted-answer = Accepted answer
answer = Answer
# Before the author's name: "Answer by Ana".
answer-by = by
permalink = Link
permalink-answer = to this answer
permalink-reply = Link to this reply
replies-to-question = Replies to the question
replies-to-answer = Replies to this answer
no-answers-title = No answers yet
no-answers-text = Nobody has answered this question so far.

## Listings

nav-all-pages = All { $count } pages
page-count =
    { $count ->
        [one] { $count } page
       *[other] { $count } pages
    }
# After a tag's page count, for screen readers: "12 pages".
pages-word =
    { $count ->
        [one] page
       *[other] pages
    }
sections = Sections
recent-articles = Recent articles
recent-questions = Recent questions
subsections = Subsections
pages = Pages
pages-of = ({ $current } of { $total })
section-empty-title = Nothing here yet
section-empty-text = This section has no pages so far.
tagged = Tagged
tagged-title = Tagged “{ $tag }”
page-of = Page { $current } of { $total }
listing-page-title = { $title } (page { $current } of { $total })
tag-feed = Atom feed for this tag
all-tags = All tags
tag-empty = Nothing tagged { $tag }
tags-lead = Browse articles and questions by topic.
tags-empty-title = No tags yet
tags-empty-text = Pages list their tags in front matter; none has any so far.

## The 404 page and redirects

not-found-title = Page not found
not-found-text = The page you are looking for does not exist or has moved.
back-home = Back to the home page
guide-sections = Sections of this guide
# On the page an alias leaves at an old address, before the link to the page.
moved-to = This page has moved to

## Translations

# { $language } is the original's language, by its own name ("English").
translation-outdated = The original ({ $language }) has changed since this page was translated.
read-original = Read the original

## Code blocks (the copy button)

copy = Copy
copy-code = Copy code
copy-language-code = Copy { $language } code
copied = Copied
copy-failed = Copying failed

## Labels folio writes into content

heading-anchor = Link to this section: { $title }
footnotes = Footnotes
footnote-back = Back to reference { $number }
table = Table
table-of = Table: { $columns }
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution
task-done = Done
task-open = Not done

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = Search
search-placeholder = Search the guide
# How many results a query found.
search-results =
    { $count ->
        [one] { $count } result
       *[other] { $count } results
    }
search-no-results = No results for “{ $query }”
search-error = Search could not be loaded. Try again later.
# What a result is, beside its author.
search-question = Question
search-answer = Answer
search-accepted-answer = Accepted answer
search-reply = Reply
# Above the search box of the page shown for a missing page.
not-found-search = Or search for it:
