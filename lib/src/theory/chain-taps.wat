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
  (func (export "taps4")
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
        (f64.store (local.get $i) (f64.add (f64.load (local.get $i)) (local.get $s)))))))
