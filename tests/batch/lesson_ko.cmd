# A translation (lessons/ko/) with Korean messages; lessons without one stay English.
lesson lang ko
lesson 1
next
grad 1 2
lesson quit
lesson 2
lesson quit
