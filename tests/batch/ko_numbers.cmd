# A whole number out of range, in Korean: the message names the number it wanted
# (its own words translated), and English is back after lesson lang en.
lesson lang ko
algo gd
step 0
explain 0
step 2
explain 5
goto x
sweep lr 0.01..0.1 threads=99
race budget=0
taylor 3 0 0
lesson lang en
step 0
