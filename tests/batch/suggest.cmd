# Words and keys come from tables: a misspelling gets the nearest word, and nothing
# changes. Then the right words work.
func bowl
data gen linreg nn=5
data gen lnreg
data split 0.8 sed=2
data lod x.csv
data load
list algoz
palette vridis
arrow onn
levels autoo
plot 40x12 acsii
plot 40x12 colr=on
plot 40x12 color=25
set digts 4
set cellratio 0
algo adam bta1=0.8
data gen linreg n=5 noise=0 seed=2
set digits=4 cellratio=1.5
show
