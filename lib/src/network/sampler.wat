;; The sampling loop of buildConnectivity (lib/src/network/connectivity.ts), in WebAssembly for
;; speed (about half the time of the same loop in JavaScript). Compiled by scripts/build-wasm.js
;; (wabt) into sampler-wasm.ts at build time (npm run build).
;;
;; For each of $posts postsynaptic neurons it draws K distinct presynaptic indices uniformly from
;; [0, N) by Floyd's algorithm, with uniform integers in [0, n) from Lemire's multiply-and-reject
;; on the 32-bit outputs of one xor4096 stream (Brent's xorgens, exactly the outputs of
;; seedrandom.xor4096(seed).int32()): the same draws, bit for bit, as the JavaScript of earlier
;; versions, so every seed keeps its connectivity.
;;
;; The memory is private to one thread (not shared): [0, 512) the stream's X[128] (i32), 512 its
;; index i, 516 its Weyl word w; the bit set `seen` of N bits at $seen (zero on entry, zeroed
;; again on return); the rows at $out, K indices per neuron (u16 when $wide = 0, else u32).
;; With $write = 0 it only advances the stream past the same draws (Lemire's rejections depend only on the draw and n): how a thread skips the neurons of
;; another.
(module
  (memory (import "env" "memory") 1)
  (func (export "sample")
    (param $N i32) (param $K i32) (param $posts i32) (param $seen i32) (param $out i32) (param $wide i32) (param $write i32)
    (local $i i32) (local $w i32) (local $post i32) (local $j i32) (local $n i32) (local $v i32) (local $u i32)
    (local $r i32) (local $prod i64) (local $lo i32) (local $t i32) (local $o i32) (local $o0 i32) (local $a i32)
    (local.set $i (i32.load (i32.const 512)))
    (local.set $w (i32.load (i32.const 516)))
    (local.set $o (local.get $out))
    (block $posts_done
      (loop $posts_loop
        (br_if $posts_done (i32.ge_u (local.get $post) (local.get $posts)))
        (local.set $o0 (local.get $o))
        (local.set $j (i32.sub (local.get $N) (local.get $K)))
        (block $js_done
          (loop $js
            (br_if $js_done (i32.ge_u (local.get $j) (local.get $N)))
            (local.set $n (i32.add (local.get $j) (i32.const 1)))
            (block $accepted
              (loop $draw
                (local.set $w (i32.add (local.get $w) (i32.const 0x61c88647)))
                (local.set $v (i32.load (i32.shl (i32.and (i32.add (local.get $i) (i32.const 34)) (i32.const 127)) (i32.const 2))))
                (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 127)))
                (local.set $u (i32.load (i32.shl (local.get $i) (i32.const 2))))
                (local.set $v (i32.xor (local.get $v) (i32.shl (local.get $v) (i32.const 13))))
                (local.set $u (i32.xor (local.get $u) (i32.shl (local.get $u) (i32.const 17))))
                (local.set $v (i32.xor (local.get $v) (i32.shr_u (local.get $v) (i32.const 15))))
                (local.set $u (i32.xor (local.get $u) (i32.shr_u (local.get $u) (i32.const 12))))
                (local.set $v (i32.xor (local.get $v) (local.get $u)))
                (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $v))
                (local.set $r (i32.add (local.get $v) (i32.xor (local.get $w) (i32.shr_u (local.get $w) (i32.const 16)))))
                (local.set $prod (i64.mul (i64.extend_i32_u (local.get $r)) (i64.extend_i32_u (local.get $n))))
                (local.set $lo (i32.wrap_i64 (local.get $prod)))
                (br_if $accepted (i32.ge_u (local.get $lo) (local.get $n)))
                ;; 2^32 mod n = (0 - n) mod n in 32 bits
                (br_if $accepted (i32.ge_u (local.get $lo) (i32.rem_u (i32.sub (i32.const 0) (local.get $n)) (local.get $n))))
                (br $draw)))
            (if (local.get $write)
              (then
                (local.set $t (i32.wrap_i64 (i64.shr_u (local.get $prod) (i64.const 32))))
                (local.set $a (i32.add (local.get $seen) (i32.shl (i32.shr_u (local.get $t) (i32.const 5)) (i32.const 2))))
                (if (i32.and (i32.shr_u (i32.load (local.get $a)) (i32.and (local.get $t) (i32.const 31))) (i32.const 1))
                  (then
                    (local.set $t (local.get $j))
                    (local.set $a (i32.add (local.get $seen) (i32.shl (i32.shr_u (local.get $t) (i32.const 5)) (i32.const 2))))))
                (i32.store (local.get $a) (i32.or (i32.load (local.get $a)) (i32.shl (i32.const 1) (i32.and (local.get $t) (i32.const 31)))))
                (if (local.get $wide)
                  (then (i32.store (local.get $o) (local.get $t)) (local.set $o (i32.add (local.get $o) (i32.const 4))))
                  (else (i32.store16 (local.get $o) (local.get $t)) (local.set $o (i32.add (local.get $o) (i32.const 2)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $js)))
        ;; clear the seen bits of this row
        (if (local.get $write)
          (then
            (block $clear_done
              (loop $clear
                (br_if $clear_done (i32.ge_u (local.get $o0) (local.get $o)))
                (if (local.get $wide)
                  (then (local.set $t (i32.load (local.get $o0))) (local.set $o0 (i32.add (local.get $o0) (i32.const 4))))
                  (else (local.set $t (i32.load16_u (local.get $o0))) (local.set $o0 (i32.add (local.get $o0) (i32.const 2)))))
                (i32.store (i32.add (local.get $seen) (i32.shl (i32.shr_u (local.get $t) (i32.const 5)) (i32.const 2))) (i32.const 0))
                (br $clear)))))
        (local.set $post (i32.add (local.get $post) (i32.const 1)))
        (br $posts_loop)))
    (i32.store (i32.const 512) (local.get $i))
    (i32.store (i32.const 516) (local.get $w)))
  (func (export "transpose") (param $N i32) (param $K i32) (param $posts i32) (param $in i32) (param $wide i32) (param $off i32) (param $fill i32) (param $tg i32)
    (local $s i32) (local $end i32) (local $a i32) (local $j i32) (local $acc i32) (local $p i32) (local $q i32) (local $v i32) (local $c i32)
    (memory.fill (local.get $off) (i32.const 0) (i32.shl (i32.add (local.get $N) (i32.const 1)) (i32.const 2)))
    (local.set $end (i32.add (local.get $in) (i32.mul (i32.mul (local.get $posts) (local.get $K)) (i32.shl (i32.const 2) (local.get $wide)))))
    ;; counts of each presynaptic index j, at $off entry j + 1
    (local.set $s (local.get $in))
    (if (local.get $wide)
      (then
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $s) (local.get $end)))
          (local.set $a (i32.add (local.get $off) (i32.shl (i32.load (local.get $s)) (i32.const 2))))
          (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
          (local.set $s (i32.add (local.get $s) (i32.const 4)))
          (br $l))))
      (else
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $s) (local.get $end)))
          (local.set $a (i32.add (local.get $off) (i32.shl (i32.load16_u (local.get $s)) (i32.const 2))))
          (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
          (local.set $s (i32.add (local.get $s) (i32.const 2)))
          (br $l)))))
    ;; prefix sums and cursors
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $j) (local.get $N)))
      (local.set $a (i32.add (local.get $off) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $acc (i32.add (local.get $acc) (i32.load offset=4 (local.get $a))))
      (i32.store (i32.add (local.get $fill) (i32.shl (local.get $j) (i32.const 2))) (i32.load (local.get $a)))
      (i32.store offset=4 (local.get $a) (local.get $acc))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    ;; scatter
    (local.set $s (local.get $in))
    (block $dp (loop $lp
      (br_if $dp (i32.ge_u (local.get $p) (local.get $posts)))
      (local.set $q (i32.const 0))
      (block $dq (loop $lq
        (br_if $dq (i32.ge_u (local.get $q) (local.get $K)))
        (if (local.get $wide)
          (then (local.set $v (i32.load (local.get $s))) (local.set $s (i32.add (local.get $s) (i32.const 4))))
          (else (local.set $v (i32.load16_u (local.get $s))) (local.set $s (i32.add (local.get $s) (i32.const 2)))))
        (local.set $a (i32.add (local.get $fill) (i32.shl (local.get $v) (i32.const 2))))
        (local.set $c (i32.load (local.get $a)))
        (i32.store (local.get $a) (i32.add (local.get $c) (i32.const 1)))
        (i32.store16 (i32.add (local.get $tg) (i32.shl (local.get $c) (i32.const 1))) (local.get $p))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $lq)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $lp)))
  )
)
