" kader framework files
autocmd BufRead,BufNewFile *.kader setfiletype kader
