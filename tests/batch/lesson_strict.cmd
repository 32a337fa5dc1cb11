# strict: yes — `next` refuses until the step's task is done.
lesson lesson_strict.lesson
answer 41
next
