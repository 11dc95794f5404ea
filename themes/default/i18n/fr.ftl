# Textes du thème par défaut de folio et libellés du moteur de rendu, en français.

## En-tête, barre latérale, pied de page

skip-to-content = Aller au contenu
site-nav-label = Site
tags = Tags
feed = Flux
dark-mode = Mode sombre
toggle-dark-mode = Activer ou désactiver le mode sombre
guide-contents = Sommaire du guide
guide-nav-label = Guide
breadcrumb-label = Fil d’Ariane
atom-feed = Flux Atom
built-with = Créé avec { $generator }
language-menu-label = Langue

## Dates : les noms des mois tels qu’une date les écrit, puis la date elle-même.

month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date = { $day } { $month } { $year }

## Articles

published = Publié le
updated = Mis à jour le
by = Par
reading-time = { $minutes } min de lecture
on-this-page = Sur cette page
previous = Précédent
next = Suivant
previous-and-next-label = Précédent et suivant
pagination-label = Pagination
pagination-page = Page
draft = Brouillon
scheduled = Programmé
tags-label = Tags

## Questions-réponses

kind-question = Q&R
kind-article = Article
status-accepted = Résolu
status-answered = Répondu
status-unanswered = Sans réponse
answer-count =
    { $count ->
        [one] { $count } réponse
        [many] { $count } de réponses
       *[other] { $count } réponses
    }
vote-count =
    { $count ->
        [one] { $count } vote
        [many] { $count } de votes
       *[other] { $count } votes
    }
# Le mot après le nombre dans le bloc de votes d’une réponse.
votes-label =
    { $count ->
        [one] vote
        [many] de votes
       *[other] votes
    }
asked-by = Question posée par
answers = Réponses
accepted-answer = Réponse acceptée
answer = Réponse
# Avant le nom de l’auteur : « Réponse de Ana ».
answer-by = de
permalink = Lien
permalink-answer = vers cette réponse
permalink-reply = Lien vers ce commentaire
replies-to-question = Commentaires sur la question
replies-to-answer = Commentaires sur cette réponse
no-answers-title = Pas encore de réponse
no-answers-text = Personne n’a encore répondu à cette question.

## Listes

nav-all-pages =
    { $count ->
        [one] { $count } page
        [many] Toutes les { $count } de pages
       *[other] Toutes les { $count } pages
    }
page-count =
    { $count ->
        [one] { $count } page
        [many] { $count } de pages
       *[other] { $count } pages
    }
# Après le nombre de pages d’un tag, pour les lecteurs d’écran : « 12 pages ».
pages-word =
    { $count ->
        [one] page
        [many] de pages
       *[other] pages
    }
sections = Sections
recent-articles = Articles récents
recent-questions = Questions récentes
subsections = Sous-sections
pages = Pages
pages-of = ({ $current } sur { $total })
section-empty-title = Rien ici pour l’instant
section-empty-text = Cette section ne contient encore aucune page.
tagged = Tag
tagged-title = Tag « { $tag } »
page-of = Page { $current } sur { $total }
listing-page-title = { $title } (page { $current } sur { $total })
tag-feed = Flux Atom de ce tag
all-tags = Tous les tags
tag-empty = Aucune page avec le tag { $tag }
tags-lead = Parcourez les articles et les questions par sujet.
tags-empty-title = Aucun tag pour l’instant
tags-empty-text = Les pages indiquent leurs tags dans leur front matter ; aucune n’en a pour l’instant.

## La page 404 et les redirections

not-found-title = Page introuvable
not-found-text = La page que vous cherchez n’existe pas ou a été déplacée.
back-home = Retour à l’accueil
guide-sections = Sections de ce guide
# Sur la page qu’un alias laisse à une ancienne adresse, avant le lien vers la page.
moved-to = Cette page a été déplacée vers

## Traductions

# { $language } est la langue de l’original, dans son propre nom (« English »).
translation-outdated = L’original ({ $language }) a été modifié depuis la traduction de cette page.
read-original = Lire l’original

## Blocs de code (le bouton de copie)

copy = Copier
copy-code = Copier le code
copy-language-code = Copier le code { $language }
copied = Copié
copy-failed = Échec de la copie

## Libellés que folio écrit dans le contenu

heading-anchor = Lien vers cette section : { $title }
footnotes = Notes
footnote-back = Retour à l’appel de note { $number }
table = Tableau
table-of = Tableau : { $columns }
alert-note = Remarque
alert-tip = Astuce
alert-important = Important
alert-warning = Avertissement
alert-caution = Attention
task-done = Fait
task-open = À faire

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = Recherche
search-placeholder = Rechercher dans le guide
# How many results a query found.
search-results =
    { $count ->
        [one] { $count } résultat
        [many] { $count } de résultats
       *[other] { $count } résultats
    }
search-no-results = Aucun résultat pour « { $query } »
search-error = La recherche n’a pas pu être chargée. Réessayez plus tard.
# What a result is, beside its author.
search-question = Question
search-answer = Réponse
search-accepted-answer = Réponse acceptée
search-reply = Commentaire
# Above the search box of the page shown for a missing page.
not-found-search = Ou cherchez-la :
