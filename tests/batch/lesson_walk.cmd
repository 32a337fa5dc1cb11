# Lesson 1 as a learner takes it: run a command, answer wrong and right, move around.
lesson lang en
lesson
lesson 1
next
grad 2 1
grad 1 2
next
cursor 1 1
cursor 2 -1
next
answer 7
answer 4
hint
answer 10/10 - 2
back
next
lesson quit
