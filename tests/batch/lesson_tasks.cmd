# The three other kinds of task: a choice, a condition on the runs, a numeric answer
# with a tolerance; and a lesson opened by name.
lesson lang en
lesson derivatives
next
next
next
next
next
next
next
next
answer d
answer C
next
cursor 0 3
hint
cursor 0.09 2.88
lesson gradient-descent
next
next
next
next
set lr 0.15
run
set lr 0.25
run
reset
run
next
next
next
step 10
lesson quit
