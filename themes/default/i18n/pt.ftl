# Textos do tema padrão do folio e rótulos do renderizador, em português.

## Cabeçalho, barra lateral, rodapé

skip-to-content = Pular para o conteúdo
site-nav-label = Site
tags = Tags
feed = Feed
dark-mode = Modo escuro
toggle-dark-mode = Alternar modo escuro
guide-contents = Conteúdo do guia
guide-nav-label = Guia
breadcrumb-label = Trilha de navegação
atom-feed = Feed Atom
built-with = Criado com { $generator }
language-menu-label = Idioma

## Datas: os nomes dos meses como uma data os escreve, e a própria data.

month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro
date = { $day } de { $month } de { $year }

## Artigos

published = Publicado em
updated = Atualizado em
by = Por
reading-time = { $minutes } min de leitura
on-this-page = Nesta página
previous = Anterior
next = Próximo
previous-and-next-label = Anterior e próximo
pagination-label = Paginação
pagination-page = Página
draft = Rascunho
scheduled = Agendado
tags-label = Tags

## Perguntas e respostas

kind-question = Pergunta
kind-article = Artigo
status-accepted = Resolvida
status-answered = Respondida
status-unanswered = Sem resposta
answer-count =
    { $count ->
        [one] { $count } resposta
        [many] { $count } de respostas
       *[other] { $count } respostas
    }
vote-count =
    { $count ->
        [one] { $count } voto
        [many] { $count } de votos
       *[other] { $count } votos
    }
# A palavra depois do número na caixa de votos de uma resposta.
votes-label =
    { $count ->
        [one] voto
        [many] de votos
       *[other] votos
    }
asked-by = Perguntado por
answers = Respostas
accepted-answer = Resposta aceita
answer = Resposta
# Antes do nome do autor: “Resposta de Ana”.
answer-by = de
permalink = Link
permalink-answer = para esta resposta
permalink-reply = Link para este comentário
replies-to-question = Comentários na pergunta
replies-to-answer = Comentários nesta resposta
no-answers-title = Ainda não há respostas
no-answers-text = Ninguém respondeu a esta pergunta até agora.

## Listagens

nav-all-pages =
    { $count ->
        [one] { $count } página
        [many] Todas as { $count } de páginas
       *[other] Todas as { $count } páginas
    }
page-count =
    { $count ->
        [one] { $count } página
        [many] { $count } de páginas
       *[other] { $count } páginas
    }
# Depois do número de páginas de uma tag, para leitores de tela: “12 páginas”.
pages-word =
    { $count ->
        [one] página
        [many] de páginas
       *[other] páginas
    }
sections = Seções
recent-articles = Artigos recentes
recent-questions = Perguntas recentes
subsections = Subseções
pages = Páginas
pages-of = ({ $current } de { $total })
section-empty-title = Ainda não há nada aqui
section-empty-text = Esta seção ainda não tem páginas.
tagged = Com a tag
tagged-title = Com a tag “{ $tag }”
page-of = Página { $current } de { $total }
listing-page-title = { $title } (página { $current } de { $total })
tag-feed = Feed Atom desta tag
all-tags = Todas as tags
tag-empty = Nada com a tag { $tag }
tags-lead = Navegue por artigos e perguntas por assunto.
tags-empty-title = Ainda não há tags
tags-empty-text = As páginas indicam suas tags no front matter; nenhuma tem tags até agora.

## A página 404 e os redirecionamentos

not-found-title = Página não encontrada
not-found-text = A página que você procura não existe ou foi movida.
back-home = Voltar à página inicial
guide-sections = Seções deste guia
# Na página que um alias deixa num endereço antigo, antes do link para a página.
moved-to = Esta página foi movida para

## Traduções

# { $language } é o idioma do original, pelo próprio nome (“English”).
translation-outdated = O original ({ $language }) mudou desde que esta página foi traduzida.
read-original = Ler o original

## Blocos de código (o botão de copiar)

copy = Copiar
copy-code = Copiar código
copy-language-code = Copiar código { $language }
copied = Copiado
copy-failed = Falha ao copiar

## Rótulos que o folio escreve no conteúdo

heading-anchor = Link para esta seção: { $title }
footnotes = Notas de rodapé
footnote-back = Voltar à referência { $number }
table = Tabela
table-of = Tabela: { $columns }
alert-note = Nota
alert-tip = Dica
alert-important = Importante
alert-warning = Aviso
alert-caution = Cuidado
task-done = Concluído
task-open = Pendente

# A number shown on its own (a vote count, a tag's page count), grouped as the language does.
number = { $value }

## Search

search-label = Pesquisar
search-placeholder = Pesquisar no guia
# How many results a query found.
search-results =
    { $count ->
        [one] { $count } resultado
        [many] { $count } de resultados
       *[other] { $count } resultados
    }
search-no-results = Nenhum resultado para “{ $query }”
search-error = Não foi possível carregar a pesquisa. Tente mais tarde.
# What a result is, beside its author.
search-question = Pergunta
search-answer = Resposta
search-accepted-answer = Resposta aceita
search-reply = Comentário
# Above the search box of the page shown for a missing page.
not-found-search = Ou pesquise:
