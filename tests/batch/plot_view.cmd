# view, zoom and levels change the picture: a narrow box on the bowl with log levels.
func bowl
view
view -1 1 -0.5 0.5
cursor 0.5 0
zoom 2
levels
levels 5 log
levels auto
view reset
plot 40x12 ascii
