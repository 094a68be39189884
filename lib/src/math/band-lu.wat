;; The loops of BandLU (lib/src/math/band-lu.ts) in WebAssembly for speed: the elimination and
;; the two triangular solves of a band matrix stored by rows, two entries per instruction (f64x2).
;; Compiled by scripts/build-wasm.js (wabt) into band-lu-wasm.ts at build time (npm run build).
;; Each BandLU has its own memory: the factors (row t, column j at entry t w + j - t + b, w = 2b + 1)
;; from byte 0, then the vector x (n numbers) of a solve. Addresses are byte offsets.
;;
;; Arithmetic is exactly that of the JavaScript loops it replaced: separate f64 multiplications
;; and subtractions (no fused multiply-add); a row's dot product in a solve is summed in four
;; partial sums s0..s3 (entries from, from + 1, from + 2, from + 3, then again from + 4, ...;
;; the last fewer than four into s0), added as (s0 + s1) + (s2 + s3). The lanes of two f64x2
;; accumulators are s0, s1 and s2, s3.
(module
  (memory (import "env" "memory") 1)

  ;; Gaussian elimination without pivoting of the n x n band matrix of half-width b at byte 0, in
  ;; place. Returns -1 when every pivot is non-zero and finite, else the first bad pivot's index.
  (func (export "factor") (param $n i32) (param $b i32) (result i32)
    (local $w i32) (local $k i32) (local $t i32) (local $last i32) (local $rk i32) (local $rt i32)
    (local $pivot f64) (local $f f64) (local $fv v128) (local $p i32) (local $q i32) (local $end i32)
    (local.set $w (i32.add (i32.shl (local.get $b) (i32.const 1)) (i32.const 1)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        ;; row k starts (in entries) at k w - k + b: entry (k, j) at rk + j
        (local.set $rk (i32.add (i32.sub (i32.mul (local.get $k) (local.get $w)) (local.get $k)) (local.get $b)))
        (local.set $pivot (f64.load (i32.shl (i32.add (local.get $rk) (local.get $k)) (i32.const 3))))
        ;; zero, infinite or NaN: pivot - pivot is not 0
        (if (i32.or (f64.eq (local.get $pivot) (f64.const 0)) (f64.ne (f64.sub (local.get $pivot) (local.get $pivot)) (f64.const 0)))
          (then (return (local.get $k))))
        (local.set $last (select (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $k) (local.get $b))
          (i32.lt_s (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $k) (local.get $b)))))
        (local.set $t (i32.add (local.get $k) (i32.const 1)))
        (block $tDone
          (loop $ts
            (br_if $tDone (i32.gt_s (local.get $t) (local.get $last)))
            (local.set $rt (i32.add (i32.sub (i32.mul (local.get $t) (local.get $w)) (local.get $t)) (local.get $b)))
            (local.set $p (i32.shl (i32.add (local.get $rt) (local.get $k)) (i32.const 3)))
            (local.set $f (f64.div (f64.load (local.get $p)) (local.get $pivot)))
            (f64.store (local.get $p) (local.get $f))
            (if (f64.ne (local.get $f) (f64.const 0))
              (then
                ;; lu[rt + j] -= f lu[rk + j] for j = k + 1 .. last, two at a time
                (local.set $fv (f64x2.splat (local.get $f)))
                (local.set $p (i32.shl (i32.add (local.get $rt) (i32.add (local.get $k) (i32.const 1))) (i32.const 3)))
                (local.set $q (i32.shl (i32.add (local.get $rk) (i32.add (local.get $k) (i32.const 1))) (i32.const 3)))
                (local.set $end (i32.shl (i32.add (local.get $rt) (i32.add (local.get $last) (i32.const 1))) (i32.const 3)))
                (block $pairsDone
                  (loop $pairs
                    (br_if $pairsDone (i32.gt_s (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
                    (v128.store align=8 (local.get $p)
                      (f64x2.sub (v128.load align=8 (local.get $p)) (f64x2.mul (local.get $fv) (v128.load align=8 (local.get $q)))))
                    (local.set $p (i32.add (local.get $p) (i32.const 16)))
                    (local.set $q (i32.add (local.get $q) (i32.const 16)))
                    (br $pairs)))
                (if (i32.lt_s (local.get $p) (local.get $end))
                  (then
                    (f64.store (local.get $p)
                      (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $f) (f64.load (local.get $q)))))))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $ts)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows)))
    (i32.const -1))

  ;; Solves L U x = x in place for the factors at byte 0 (n x n, half-width b) and x at byte $x.
  ;; Each row's dot product s0 (below) is written out in both loops (a call per row costs as much).
  (func (export "solve") (param $n i32) (param $b i32) (param $x i32)
    (local $w i32) (local $t i32) (local $row i32) (local $p i32) (local $from i32) (local $to i32)
    (local $j i32) (local $a i32) (local $v i32) (local $s01 v128) (local $s23 v128) (local $s0 f64)
    (local.set $w (i32.add (i32.shl (local.get $b) (i32.const 1)) (i32.const 1)))
    ;; forward: x[t] -= sum_{j = max(0, t - b)}^{t - 1} L(t, j) x[j]
    (block $fDone
      (loop $forward
        (br_if $fDone (i32.ge_s (local.get $t) (local.get $n)))
        (local.set $row (i32.shl (i32.add (i32.sub (i32.mul (local.get $t) (local.get $w)) (local.get $t)) (local.get $b)) (i32.const 3)))
        (local.set $from (select (i32.const 0) (i32.sub (local.get $t) (local.get $b)) (i32.lt_s (i32.sub (local.get $t) (local.get $b)) (i32.const 0))))
        (local.set $to (local.get $t))
          (local.set $a (i32.add (local.get $row) (i32.shl (local.get $from) (i32.const 3))))
          (local.set $v (i32.add (local.get $x) (i32.shl (local.get $from) (i32.const 3))))
          (local.set $j (local.get $from))
          (local.set $s01 (v128.const i64x2 0 0))
          (local.set $s23 (v128.const i64x2 0 0))
          (block $fours
            (loop $four
              (br_if $fours (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $to)))
              (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (v128.load align=8 (local.get $a)) (v128.load align=8 (local.get $v)))))
              (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (v128.load offset=16 align=8 (local.get $a)) (v128.load offset=16 align=8 (local.get $v)))))
              (local.set $a (i32.add (local.get $a) (i32.const 32)))
              (local.set $v (i32.add (local.get $v) (i32.const 32)))
              (local.set $j (i32.add (local.get $j) (i32.const 4)))
              (br $four)))
          (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
          (block $ones
            (loop $one
              (br_if $ones (i32.ge_s (local.get $j) (local.get $to)))
              (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $v)))))
              (local.set $a (i32.add (local.get $a) (i32.const 8)))
              (local.set $v (i32.add (local.get $v) (i32.const 8)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $one)))
          (local.set $s0 (f64.add
            (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
            (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3))))
        (f64.store (local.get $p) (f64.sub (f64.load (local.get $p)) (local.get $s0)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $forward)))
    ;; backward: x[t] = (x[t] - sum_{j = t + 1}^{min(n, t + b + 1) - 1} U(t, j) x[j]) / U(t, t)
    (local.set $t (i32.sub (local.get $n) (i32.const 1)))
    (block $bDone
      (loop $backward
        (br_if $bDone (i32.lt_s (local.get $t) (i32.const 0)))
        (local.set $row (i32.shl (i32.add (i32.sub (i32.mul (local.get $t) (local.get $w)) (local.get $t)) (local.get $b)) (i32.const 3)))
        (local.set $from (i32.add (local.get $t) (i32.const 1)))
        (local.set $to (select (local.get $n) (i32.add (local.get $t) (i32.add (local.get $b) (i32.const 1)))
          (i32.lt_s (local.get $n) (i32.add (local.get $t) (i32.add (local.get $b) (i32.const 1))))))
          (local.set $a (i32.add (local.get $row) (i32.shl (local.get $from) (i32.const 3))))
          (local.set $v (i32.add (local.get $x) (i32.shl (local.get $from) (i32.const 3))))
          (local.set $j (local.get $from))
          (local.set $s01 (v128.const i64x2 0 0))
          (local.set $s23 (v128.const i64x2 0 0))
          (block $fours
            (loop $four
              (br_if $fours (i32.ge_s (i32.add (local.get $j) (i32.const 3)) (local.get $to)))
              (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (v128.load align=8 (local.get $a)) (v128.load align=8 (local.get $v)))))
              (local.set $s23 (f64x2.add (local.get $s23) (f64x2.mul (v128.load offset=16 align=8 (local.get $a)) (v128.load offset=16 align=8 (local.get $v)))))
              (local.set $a (i32.add (local.get $a) (i32.const 32)))
              (local.set $v (i32.add (local.get $v) (i32.const 32)))
              (local.set $j (i32.add (local.get $j) (i32.const 4)))
              (br $four)))
          (local.set $s0 (f64x2.extract_lane 0 (local.get $s01)))
          (block $ones
            (loop $one
              (br_if $ones (i32.ge_s (local.get $j) (local.get $to)))
              (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $v)))))
              (local.set $a (i32.add (local.get $a) (i32.const 8)))
              (local.set $v (i32.add (local.get $v) (i32.const 8)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $one)))
          (local.set $s0 (f64.add
            (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $s01)))
            (f64.add (f64x2.extract_lane 0 (local.get $s23)) (f64x2.extract_lane 1 (local.get $s23)))))
        (local.set $p (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3))))
        (f64.store (local.get $p)
          (f64.div (f64.sub (f64.load (local.get $p)) (local.get $s0)) (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3))))))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (br $backward)))))
