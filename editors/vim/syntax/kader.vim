" Vim syntax file
" Language: kader (Veilige School frameworks, *.kader)
"
" The keyword groups (every `syn keyword` line except kaderType and
" kaderUnit) hold exactly the keywords of grammar/kader.pest;
" tests/it/lsp.rs checks that the two agree.

if exists('b:current_syntax')
  finish
endif

" A dotted evidence path is one word, so that a keyword as a later segment
" (`abuse_protocol.present`) is not highlighted as a keyword.
syn iskeyword @,48-57,_,.

syn keyword kaderDeclaration framework version language validity midterm evidence owners define theme criterion scoring extends tighten remove
syn keyword kaderAttribute   mandatory weight legal owner contact lead applies guidance audit requires verified
syn keyword kaderControl     require else when score otherwise passes pass all themes certified
syn keyword kaderOperatorWord and or not in within before after
syn keyword kaderFunction    present count
syn keyword kaderTypeWord    list enum
syn keyword kaderBoolean     true false

syn keyword kaderType        bool int number percent date text
syn keyword kaderUnit        day days week weeks month months year years

" Of matches that start at the same place the last defined wins.
syn match kaderNumber  /\<\d\+\%(\.\d\+\)\=\>/
syn match kaderPercent /\<\d\+\%(\.\d\+\)\=%/
syn match kaderDate    /\<\d\{4}-\d\{2}-\d\{2}\>/
syn match kaderOperator /[<>=!]=\|[<>=+*/-]/

syn match kaderName /\%(\<\%(define\|theme\|criterion\|framework\)\s\+\)\@<=\h\w*/
syn match kaderOwner /\%(\<owner\s\+\)\@<=\h\w*/

syn region kaderString start=/"/ skip=/\\./ end=/"\|$/ contains=kaderEscape,kaderBadEscape,kaderPlaceholder,@Spell
syn match kaderBadEscape /\\./ contained
syn match kaderEscape /\\[\\"n{}]/ contained
syn match kaderPlaceholder /{\s*\h\w*\%(\.\h\w*\)*\s*}/ contained

syn match kaderComment "//.*$" contains=@Spell

hi def link kaderDeclaration  Keyword
hi def link kaderAttribute    Keyword
hi def link kaderControl      Conditional
hi def link kaderOperatorWord Operator
hi def link kaderFunction     Function
hi def link kaderTypeWord     Type
hi def link kaderBoolean      Boolean
hi def link kaderType         Type
hi def link kaderUnit         Special
hi def link kaderDate         Constant
hi def link kaderPercent      Number
hi def link kaderNumber       Number
hi def link kaderOperator     Operator
hi def link kaderName         Identifier
hi def link kaderOwner        Constant
hi def link kaderString       String
hi def link kaderEscape       SpecialChar
hi def link kaderBadEscape    Error
hi def link kaderPlaceholder  Special
hi def link kaderComment      Comment

let b:current_syntax = 'kader'
