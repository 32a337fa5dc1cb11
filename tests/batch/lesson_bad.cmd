# A malformed lesson file: the error names FILE:LINE and nothing else happens.
lesson lesson_bad.lesson
