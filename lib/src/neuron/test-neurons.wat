;; The loop of simulateTestNeurons (lib/src/neuron/test-neurons.ts), in WebAssembly for speed.
;; Compiled by scripts/build-wasm.js (wabt) into test-neurons-wasm.ts at build time (npm run build).
;; The memory is private to one thread. Every address is a byte offset in it; the header at $h
;; (written by test-neurons.ts) holds the addresses of the arrays and the constants:
;;
;;   0 M (the test neurons, padded to an even count), 4 G (recorded groups), 8 acc (f64 per
;;   neuron), 12 V, 16 U (the free membrane), 20 counts (i64 per neuron), 24 sum of I, 28 sum of
;;   I^2, 32 sum of U, 36 sum of U^2 (f64 per neuron), 40 the Bernoulli spikes' first index per
;;   bin of the call (u32, bins t0 .. t1; 0: no Bernoulli group), 44 their test neurons (u32),
;;   48 their weights (f64 per neuron), 52 the recorded output spikes (u32 pairs neuron, bin; 0:
;;   not recorded), 56 how many were recorded (set by the caller, advanced here), 64 the decay
;;   a = 1 - dt/tau (f64), 72 V_th (f64), 80 the groups, 20 bytes each: byBin (u32 per window bin
;;   + 1), train (u32 per spike), users (u32 per train + 1), target (u32 per synapse), weights
;;   (f64 per neuron).
;;
;; Arithmetic is exactly that of the JavaScript rule it replaced: separate f64.mul and f64.add
;; (no fused multiply-add), additions into each accumulator entry in the order of the groups, of
;; the spikes within a group and of the targets of a spike, then the Bernoulli spikes.
(module
  (memory (import "env" "memory") 1)

  ;; acc[target[q]] += w[target[q]] for every synapse q of every spike of window bin t of the
  ;; group whose 20-byte record is at $g.
  (func $deliver (param $g i32) (param $t i32) (param $acc i32)
    (local $e i32) (local $end i32) (local $train i32) (local $users i32) (local $target i32) (local $w i32)
    (local $q i32) (local $qEnd i32) (local $u i32) (local $m i32)
    (local.set $e (i32.add (i32.load (local.get $g)) (i32.shl (local.get $t) (i32.const 2))))
    (local.set $end (i32.load offset=4 (local.get $e)))
    (local.set $e (i32.load (local.get $e)))
    (local.set $train (i32.load offset=4 (local.get $g)))
    (local.set $users (i32.load offset=8 (local.get $g)))
    (local.set $target (i32.load offset=12 (local.get $g)))
    (local.set $w (i32.load offset=16 (local.get $g)))
    (block $done
      (loop $spikes
        (br_if $done (i32.ge_u (local.get $e) (local.get $end)))
        (local.set $u (i32.add (local.get $users) (i32.shl (i32.load (i32.add (local.get $train) (i32.shl (local.get $e) (i32.const 2)))) (i32.const 2))))
        (local.set $q (i32.add (local.get $target) (i32.shl (i32.load (local.get $u)) (i32.const 2))))
        (local.set $qEnd (i32.add (local.get $target) (i32.shl (i32.load offset=4 (local.get $u)) (i32.const 2))))
        (block $b
          (loop $l
            (br_if $b (i32.ge_u (local.get $q) (local.get $qEnd)))
            (local.set $m (i32.shl (i32.load (local.get $q)) (i32.const 3)))
            (f64.store (i32.add (local.get $acc) (local.get $m))
              (f64.add (f64.load (i32.add (local.get $acc) (local.get $m))) (f64.load (i32.add (local.get $w) (local.get $m)))))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $l)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $spikes))))

  ;; acc[m] += w[m] for the Bernoulli spikes of bin b of the call (b = t - t0), in order.
  (func $bernoulli (param $h i32) (param $b i32) (param $acc i32)
    (local $o i32) (local $q i32) (local $end i32) (local $targets i32) (local $w i32) (local $m i32)
    (local.set $o (i32.add (i32.load offset=40 (local.get $h)) (i32.shl (local.get $b) (i32.const 2))))
    (local.set $targets (i32.load offset=44 (local.get $h)))
    (local.set $w (i32.load offset=48 (local.get $h)))
    (local.set $q (i32.add (local.get $targets) (i32.shl (i32.load (local.get $o)) (i32.const 2))))
    (local.set $end (i32.add (local.get $targets) (i32.shl (i32.load offset=4 (local.get $o)) (i32.const 2))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $m (i32.shl (i32.load (local.get $q)) (i32.const 3)))
        (f64.store (i32.add (local.get $acc) (local.get $m))
          (f64.add (f64.load (i32.add (local.get $acc) (local.get $m))) (f64.load (i32.add (local.get $w) (local.get $m)))))
        (local.set $q (i32.add (local.get $q) (i32.const 4)))
        (br $l))))

  ;; Appends (neuron m, bin k) to the recorded spikes.
  (func $record (param $h i32) (param $m i32) (param $k i32)
    (local $n i32) (local $p i32)
    (local.set $n (i32.load offset=56 (local.get $h)))
    (local.set $p (i32.add (i32.load offset=52 (local.get $h)) (i32.shl (local.get $n) (i32.const 3))))
    (i32.store (local.get $p) (local.get $m))
    (i32.store offset=4 (local.get $p) (local.get $k))
    (i32.store offset=56 (local.get $h) (i32.add (local.get $n) (i32.const 1))))

  ;; One Euler step to bin k for every neuron, two at a time: x = acc, acc = 0,
  ;; V = V a + x (reset to 0 above V_th), U = U a + x; when $counted, the spike counts and the
  ;; sums of x, x^2, U, U^2; the spikes recorded when the header asks for it.
  (func $step (param $h i32) (param $k i32) (param $counted i32)
    (local $o i32) (local $end i32) (local $acc i32) (local $v i32) (local $u i32) (local $c i32)
    (local $i1 i32) (local $i2 i32) (local $u1 i32) (local $u2 i32) (local $rec i32) (local $s i32)
    (local $a v128) (local $th v128) (local $x v128) (local $vm v128) (local $um v128) (local $spike v128)
    (local.set $end (i32.shl (i32.load (local.get $h)) (i32.const 3)))
    (local.set $acc (i32.load offset=8 (local.get $h)))
    (local.set $v (i32.load offset=12 (local.get $h)))
    (local.set $u (i32.load offset=16 (local.get $h)))
    (local.set $c (i32.load offset=20 (local.get $h)))
    (local.set $i1 (i32.load offset=24 (local.get $h)))
    (local.set $i2 (i32.load offset=28 (local.get $h)))
    (local.set $u1 (i32.load offset=32 (local.get $h)))
    (local.set $u2 (i32.load offset=36 (local.get $h)))
    (local.set $rec (i32.load offset=52 (local.get $h)))
    (local.set $a (f64x2.splat (f64.load offset=64 (local.get $h))))
    (local.set $th (f64x2.splat (f64.load offset=72 (local.get $h))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $x (v128.load (i32.add (local.get $acc) (local.get $o))))
        (v128.store (i32.add (local.get $acc) (local.get $o)) (v128.const i64x2 0 0))
        (local.set $vm (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $v) (local.get $o))) (local.get $a)) (local.get $x)))
        (local.set $um (f64x2.add (f64x2.mul (v128.load (i32.add (local.get $u) (local.get $o))) (local.get $a)) (local.get $x)))
        (v128.store (i32.add (local.get $u) (local.get $o)) (local.get $um))
        (local.set $spike (f64x2.gt (local.get $vm) (local.get $th)))
        ;; V = +0 where it crossed
        (v128.store (i32.add (local.get $v) (local.get $o)) (v128.andnot (local.get $vm) (local.get $spike)))
        (if (local.get $counted)
          (then
            (v128.store (i32.add (local.get $c) (local.get $o)) (i64x2.sub (v128.load (i32.add (local.get $c) (local.get $o))) (local.get $spike)))
            (v128.store (i32.add (local.get $i1) (local.get $o)) (f64x2.add (v128.load (i32.add (local.get $i1) (local.get $o))) (local.get $x)))
            (v128.store (i32.add (local.get $i2) (local.get $o))
              (f64x2.add (v128.load (i32.add (local.get $i2) (local.get $o))) (f64x2.mul (local.get $x) (local.get $x))))
            (v128.store (i32.add (local.get $u1) (local.get $o)) (f64x2.add (v128.load (i32.add (local.get $u1) (local.get $o))) (local.get $um)))
            (v128.store (i32.add (local.get $u2) (local.get $o))
              (f64x2.add (v128.load (i32.add (local.get $u2) (local.get $o))) (f64x2.mul (local.get $um) (local.get $um))))))
        (if (local.get $rec)
          (then
            (local.set $s (i64x2.bitmask (local.get $spike)))
            (if (i32.and (local.get $s) (i32.const 1))
              (then (call $record (local.get $h) (i32.shr_u (local.get $o) (i32.const 3)) (local.get $k))))
            (if (i32.and (local.get $s) (i32.const 2))
              (then (call $record (local.get $h) (i32.add (i32.shr_u (local.get $o) (i32.const 3)) (i32.const 1)) (local.get $k))))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $l))))

  ;; Window bins t0 .. t1 - 1: the inputs of bin t (the groups in order, then the Bernoulli
  ;; spikes), then the step to bin t + 1, counted when t + 1 >= w0.
  (func $bins (export "bins") (param $h i32) (param $t0 i32) (param $t1 i32) (param $w0 i32)
    (local $t i32) (local $g i32) (local $gEnd i32) (local $acc i32)
    (local.set $acc (i32.load offset=8 (local.get $h)))
    (local.set $gEnd (i32.add (i32.add (local.get $h) (i32.const 80)) (i32.mul (i32.load offset=4 (local.get $h)) (i32.const 20))))
    (local.set $t (local.get $t0))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $t) (local.get $t1)))
        (local.set $g (i32.add (local.get $h) (i32.const 80)))
        (block $gd
          (loop $gl
            (br_if $gd (i32.ge_u (local.get $g) (local.get $gEnd)))
            (call $deliver (local.get $g) (local.get $t) (local.get $acc))
            (local.set $g (i32.add (local.get $g) (i32.const 20)))
            (br $gl)))
        (if (i32.load offset=40 (local.get $h))
          (then (call $bernoulli (local.get $h) (i32.sub (local.get $t) (local.get $t0)) (local.get $acc))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (call $step (local.get $h) (local.get $t) (i32.ge_u (local.get $t) (local.get $w0)))
        (br $l)))))
