;; The hot loop of the Euler chain's step (lib/src/theory/euler-chain.ts, see chain-taps.ts), in
;; WebAssembly for speed: four jumps of one input group added to the landing buffer, two grid
;; points per instruction (f64x2). Compiled by scripts/build-wasm.js (wabt) into chain-taps-wasm.ts
;; at build time (npm run build). The memory is private to one thread; addresses are byte offsets.
;;
;; Arithmetic is exactly that of the JavaScript loop it replaced: separate f64 multiplications and
;; additions (no fused multiply-add), summed in the order ((w0 a + w1 b) + w2 c) + w3 d, then
;; added to the landing point.
(module
  (memory (import "env" "memory") 1)

  ;; dst[x] += ((w0 src[x - d0] + w1 src[x - d1]) + w2 src[x - d2]) + w3 src[x - d3] for x in
  ;; [x0, x1): $dst and $src the byte addresses of element 0 of each buffer, x and d in elements
  ;; (every src[x - d] inside the src buffer).
  (func $taps4
    (param $dst i32) (param $src i32) (param $x0 i32) (param $x1 i32)
    (param $d0 i32) (param $d1 i32) (param $d2 i32) (param $d3 i32)
    (param $w0 f64) (param $w1 f64) (param $w2 f64) (param $w3 f64)
    (local $i i32) (local $end i32) (local $o0 i32) (local $o1 i32) (local $o2 i32) (local $o3 i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $t v128) (local $s f64)
    (local.set $i (i32.add (local.get $dst) (i32.shl (local.get $x0) (i32.const 3))))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $x1) (i32.const 3))))
    ;; the address of src[x - d] is that of dst[x] plus o = src - dst - 8 d
    (local.set $o0 (i32.sub (i32.sub (local.get $src) (local.get $dst)) (i32.shl (local.get $d0) (i32.const 3))))
    (local.set $o1 (i32.sub (i32.sub (local.get $src) (local.get $dst)) (i32.shl (local.get $d1) (i32.const 3))))
    (local.set $o2 (i32.sub (i32.sub (local.get $src) (local.get $dst)) (i32.shl (local.get $d2) (i32.const 3))))
    (local.set $o3 (i32.sub (i32.sub (local.get $src) (local.get $dst)) (i32.shl (local.get $d3) (i32.const 3))))
    (local.set $v0 (f64x2.splat (local.get $w0)))
    (local.set $v1 (f64x2.splat (local.get $w1)))
    (local.set $v2 (f64x2.splat (local.get $w2)))
    (local.set $v3 (f64x2.splat (local.get $w3)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_s (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (local.set $t (f64x2.mul (local.get $v0) (v128.load align=8 (i32.add (local.get $i) (local.get $o0)))))
        (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v1) (v128.load align=8 (i32.add (local.get $i) (local.get $o1))))))
        (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v2) (v128.load align=8 (i32.add (local.get $i) (local.get $o2))))))
        (local.set $t (f64x2.add (local.get $t) (f64x2.mul (local.get $v3) (v128.load align=8 (i32.add (local.get $i) (local.get $o3))))))
        (v128.store align=8 (local.get $i) (f64x2.add (v128.load align=8 (local.get $i)) (local.get $t)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    ;; an odd last point
    (if (i32.lt_s (local.get $i) (local.get $end))
      (then
        (local.set $s (f64.mul (local.get $w0) (f64.load (i32.add (local.get $i) (local.get $o0)))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $w1) (f64.load (i32.add (local.get $i) (local.get $o1))))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $w2) (f64.load (i32.add (local.get $i) (local.get $o2))))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $w3) (f64.load (i32.add (local.get $i) (local.get $o3))))))
        (f64.store (local.get $i) (f64.add (f64.load (local.get $i)) (local.get $s))))))

  ;; One input group's stage: for the taps q, q + 1, ... of the group in fours, the four together
  ;; ($taps4) on the range where all four read src inside [lo, hi) and land in [from, to), and
  ;; each tap alone (dst[x] += w src[x - D]) at the edges; fewer than four at the end: each alone.
  ;; $taps: i32 jumps, $weights: f64 probabilities, $count of them; from, to, lo, hi: buffer indices.
  (func (export "stage")
    (param $dst i32) (param $src i32) (param $taps i32) (param $weights i32) (param $count i32)
    (param $from i32) (param $to i32) (param $lo i32) (param $hi i32)
    (local $q i32) (local $c i32) (local $k i32) (local $x0 i32) (local $x1 i32) (local $d i32)
    (local $start i32) (local $stop i32)
    (block $groupsDone
      (loop $groups
        (br_if $groupsDone (i32.ge_s (local.get $q) (local.get $count)))
        (local.set $c (select (i32.const 4) (i32.sub (local.get $count) (local.get $q))
          (i32.ge_s (i32.sub (local.get $count) (local.get $q)) (i32.const 4))))
        ;; the common range of the group's taps
        (local.set $x0 (local.get $from))
        (local.set $x1 (local.get $to))
        (local.set $k (i32.const 0))
        (block $rangeDone
          (loop $range
            (br_if $rangeDone (i32.ge_s (local.get $k) (local.get $c)))
            (local.set $d (call $tap (local.get $taps) (i32.add (local.get $q) (local.get $k))))
            (local.set $x0 (call $max (local.get $x0) (i32.add (local.get $lo) (local.get $d))))
            (local.set $x1 (call $min (local.get $x1) (i32.add (local.get $hi) (local.get $d))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $range)))
        (if (i32.or (i32.lt_s (local.get $c) (i32.const 4)) (i32.ge_s (local.get $x0) (local.get $x1)))
          (then
            ;; no common range: every tap alone
            (local.set $x0 (local.get $to))
            (local.set $x1 (local.get $to)))
          (else
            (call $taps4 (local.get $dst) (local.get $src) (local.get $x0) (local.get $x1)
              (call $tap (local.get $taps) (local.get $q))
              (call $tap (local.get $taps) (i32.add (local.get $q) (i32.const 1)))
              (call $tap (local.get $taps) (i32.add (local.get $q) (i32.const 2)))
              (call $tap (local.get $taps) (i32.add (local.get $q) (i32.const 3)))
              (call $weight (local.get $weights) (local.get $q))
              (call $weight (local.get $weights) (i32.add (local.get $q) (i32.const 1)))
              (call $weight (local.get $weights) (i32.add (local.get $q) (i32.const 2)))
              (call $weight (local.get $weights) (i32.add (local.get $q) (i32.const 3))))))
        ;; the edges, tap by tap
        (local.set $k (i32.const 0))
        (block $edgesDone
          (loop $edges
            (br_if $edgesDone (i32.ge_s (local.get $k) (local.get $c)))
            (local.set $d (call $tap (local.get $taps) (i32.add (local.get $q) (local.get $k))))
            (local.set $start (call $max (local.get $from) (i32.add (local.get $lo) (local.get $d))))
            (local.set $stop (call $min (local.get $to) (i32.add (local.get $hi) (local.get $d))))
            (call $tap1 (local.get $dst) (local.get $src) (local.get $start) (call $min (local.get $x0) (local.get $stop))
              (local.get $d) (call $weight (local.get $weights) (i32.add (local.get $q) (local.get $k))))
            (call $tap1 (local.get $dst) (local.get $src) (call $max (local.get $x1) (local.get $start)) (local.get $stop)
              (local.get $d) (call $weight (local.get $weights) (i32.add (local.get $q) (local.get $k))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $edges)))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $groups))))

  ;; dst[x] += w src[x - d] for x in [x0, x1) (nothing when x1 <= x0).
  (func $tap1 (param $dst i32) (param $src i32) (param $x0 i32) (param $x1 i32) (param $d i32) (param $w f64)
    (local $i i32) (local $end i32) (local $o i32)
    (local.set $i (i32.add (local.get $dst) (i32.shl (local.get $x0) (i32.const 3))))
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $x1) (i32.const 3))))
    (local.set $o (i32.sub (i32.sub (local.get $src) (local.get $dst)) (i32.shl (local.get $d) (i32.const 3))))
    (block $done
      (loop $points
        (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
        (f64.store (local.get $i) (f64.add (f64.load (local.get $i))
          (f64.mul (local.get $w) (f64.load (i32.add (local.get $i) (local.get $o))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $points))))

  (func $tap (param $taps i32) (param $q i32) (result i32)
    (i32.load (i32.add (local.get $taps) (i32.shl (local.get $q) (i32.const 2)))))
  (func $weight (param $weights i32) (param $q i32) (result f64)
    (f64.load (i32.add (local.get $weights) (i32.shl (local.get $q) (i32.const 3)))))
  (func $min (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.lt_s (local.get $a) (local.get $b))))
  (func $max (param $a i32) (param $b i32) (result i32)
    (select (local.get $a) (local.get $b) (i32.gt_s (local.get $a) (local.get $b)))))
