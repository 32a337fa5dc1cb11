#!/usr/bin/env bash
# tests/tui/lesson.sh — a learner's session with lesson 1 on the real screen, under tmux:
# open the lesson, run a command task, give a wrong answer (a hint appears) and the
# right one (an explanation), a task on the live session, move on, quit, reopen in a new process and resume at the
# same step from the progress file in the test's private state directory.
source "$(dirname "$0")/harness.bash"

start 110 42
check "prompt shows" wait_for 'descent›' 5
type_line 'lesson 1'
check "lesson 1 opens" wait_for '(`next` goes on, `back` goes back' 5
type_line 'next'
check "step 2 asks for a command" wait_for 'type `grad 1 2`' 5
type_line 'grad 1 2'
check "the command task is checked after the prompt's command" wait_for '✓ Done!' 5
type_line 'next'
check "step 3 asks to move the cursor" wait_for 'where ∇f = (4, −2)' 5
type_line 'cursor 2 -1'
check "the live task is checked after the command" wait_for '✓ Done!' 5
type_line 'next'
check "step 4 asks a question" wait_for 'What is the second component' 5
type_line 'answer 7'
check "a stored wrong answer gets its note" wait_for "7 is the point's y coordinate" 5
type_line 'answer 4'
check "the next wrong answer gets the first hint" wait_for 'Hint 1/2' 5
type_line 'answer -1'
check "the right answer is explained" wait_for '✓ Right!' 5
type_line 'next'
check "the lesson advances to step 5" wait_for 'Compute ∇f = 2Aθ' 5
type_line 'lesson quit'
check "quitting says where it stopped" wait_for 'Lesson closed at step 5 of 14' 5
type_line 'quit'
check "descent exits" wait_for 'exit=0' 5
tm send-keys "clear" Enter
wait_gone 'exit=0' 5
check "progress saved in XDG_STATE_HOME" grep -q '^01-derivatives 4 0 ' "$TMPD/state/descent/progress"

# A new descent process in the same shell: only the progress file remembers.
tm send-keys "clear; $DESCENT; echo \"exit=\$?\"" Enter
check "prompt shows again" wait_for 'descent›' 10
type_line 'lesson 1'
check "reopening resumes at step 5" wait_for 'Compute ∇f = 2Aθ' 5
type_line 'lesson quit'
check "still at the saved step" wait_for 'Lesson closed at step 5 of 14' 5
type_line 'quit'
finish
