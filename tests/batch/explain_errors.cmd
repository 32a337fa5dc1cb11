# explain, rewind and goto refuse what they cannot do, say what would be right, and
# change nothing.
explain
rewind
algo momentum
explain
rewind
step 3
explain 99999
explain 0
rewind 0
rewind 4
goto -1
goto 1.5
runs
