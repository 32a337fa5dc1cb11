# A lesson is untrusted: its do:/show: lines may not write files, may read only files
# beside it, and run at most 100000 steps per command (refusals name FILE:LINE).
lesson lesson_sandbox.lesson
# Nothing was written: these files do not exist.
data load sandbox_victim.csv
