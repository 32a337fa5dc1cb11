# The interface in Korean (--lang ko, see .args): help from the command table's N_()
# strings, a command's details, and the settings' help in show.
help
help grad
help hessian
set digits 4
show
