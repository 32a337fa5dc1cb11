# Translations (lessons/ko/) with Korean messages; the English fallback for an
# untranslated lesson is tested in tests/unit/test_lesson.c (engine_translation).
lesson lang ko
lesson 1
next
grad 1 2
lesson quit
lesson 2
lesson quit
