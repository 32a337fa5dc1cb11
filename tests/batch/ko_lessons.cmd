# Lesson files and answers in Korean (--lang ko, see .args): a broken lesson file's error
# (FILE:LINE, then what is wrong and what would be right), a name no lesson matches, and
# a learner's answer that is not a number, all in Korean; names and keys stay as typed.
lesson lesson_bad.lesson
lesson nosuchlesson
lesson lesson_strict.lesson
answer six
answer 6 +
answer 42
lesson quit
