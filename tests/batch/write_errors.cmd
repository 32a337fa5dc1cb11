# Every command that writes a file reports failures the same way and leaves nothing:
# a missing directory, a directory, a full device.
func bowl
algo gd
run 2
trace /nonexistent/dir/t.csv
trace .
trace /dev/full
data gen linreg n=3
data save /nonexistent/d.csv
plot /nonexistent/p.txt
plot ./
export /nonexistent/f.svg
