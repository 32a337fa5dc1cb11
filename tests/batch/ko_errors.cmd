# The interface in Korean (--lang ko, see .args): errors, "did you mean", usage and
# formula errors with their caret come from po/ko.po; names, numbers and formulas stay.
fnuc x
func rosenbrok
func x^2 + (y
algo adma
algo adam bta=0.9
step 1 2 3
zoom 0
eval 1
lesson 99
hint
del 1
set digitz 3
