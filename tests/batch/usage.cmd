# Argument counts come from the command table: too few or too many words fail with
# the usage generated from the command's row, and nothing changes.
func bowl
algo gd
select
select 1 2
show everything
goto
goto 1 2 3
zoom
zoom 2 3
save
answer
sweep lr
export
record a.cast stop
arrow on off
help algo adam now
list
review 1 2
lesson quit now
reset 1
# the session is as it was
show
