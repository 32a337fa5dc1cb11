#!/usr/bin/env bash
# tests/tui/overlay_geom.sh — the geometry overlays on the screen: eigen's axes and
# caption at the cursor, grad's arrows with Dᵥ f for set direction, prox's caption
# following a gd run as it steps, grid over a map with its hatching caption; the ones
# that need something refuse clearly in the output pane; at 80×24 the captions still show.
source "$(dirname "$0")/harness.bash"

start 120 40
check "prompt shows" wait_for 'descent›' 5
type_line 'func quad; cursor 1 1; arrow off; overlay eigen on'
check "eigen's caption gives both λ" wait_for 'eigen: λ₁ = 1 ↔ up, λ₂ = 10 ↔ up' 5
check "and labels the axes on the plot" wait_for 'λ₂' 5
type_line 'overlay eigen off; set direction 3 4; overlay grad on'
check "grad's caption gives Dᵥ f for v = (0.6, 0.8)" wait_for 'Dᵥ f = ∇fᵀv = 8.6, v = [0.6, 0.8]' 5
check "and the arrows are labelled" wait_for '−∇f' 5
type_line 'overlay grad off; overlay grid on'
check "grid without a map is refused" wait_for 'no map is set: first e.g. map' 5
type_line 'map x^2 - y, x + y; overlay grid on'
check "grid draws with its caption" wait_for 'grid: a square grid (step 2) through the map' 5
check "and hatches where det J < 0" wait_for 'hatched: det J < 0' 5
type_line 'overlay grid off; algo adam; overlay prox on'
check "prox on adam is refused" wait_for 'overlay prox needs the selected run to be gd' 5
type_line 'algo gd lr=0.15; overlay prox on; step 1'
check "prox shows the next gd iterate" wait_for 'prox (run 1): θ − α∇f = [-1.3, 0.45]' 5
type_line 'step 1'
check "and follows the run as it steps" wait_for 'prox (run 1): θ − α∇f = [-1.11, -0.225]' 5
type_line 'quit'
check "quits" wait_for 'exit=0' 5

start 80 24
check "prompt shows at 80×24" wait_for 'descent›' 5
type_line 'func quad; cursor 1 1; overlay eigen on'
check "eigen's caption fits at 80×24" wait_for 'eigen: λ₁ = 1 ↔ up' 5
type_line 'quit'
check "quits" wait_for 'exit=0' 5
finish
