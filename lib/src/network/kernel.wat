;; The hot loops of simulateNetwork (lib/src/network/simulate.ts), in WebAssembly for speed.
;; Compiled by scripts/build-wasm.js (wabt) into kernel-wasm.ts at build time (npm run build).
;; The memory is shared: it holds the connectivity and the run's state, seen by every thread of
;; a run; each thread writes only the accumulators, V and spike list of its own neurons.
;; Every argument named as an array is a byte address in the imported memory. Arithmetic is
;; exactly that of the JavaScript rule: separate f64.mul and f64.add (no fused multiply-add),
;; additions into each accumulator entry in the order the spikes and targets are given.
(module
  (memory (import "env" "memory") 1 65536 shared)

  ;; What $touch read (kept in a global so that its loads are not dead code).
  (global $touched (mut i32) (i32.const 0))

;; Reads one byte in every 64 of the rows of the spikes list[0 .. count - 1] (the rows of spike
  ;; j: bytes base + (offsets[j] << shift) .. base + (offsets[j + 1] << shift) - 1), so that the
  ;; rows that the delivery reads next come into the cache together. WebAssembly has no prefetch
  ;; instruction, and a load retires only once its line has arrived: loads issued one row at a
  ;; time wait for the memory one row at a time, while those of a block of rows overlap (the
  ;; processor keeps a few dozen misses in flight). Returns the bytes' xor.
  (func $touch (param $list i32) (param $count i32) (param $offsets i32) (param $base i32) (param $shift i32) (result i32)
    (local $end i32) (local $row i32) (local $a i32) (local $e i32) (local $x i32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
      (local.set $row (i32.add (local.get $offsets) (i32.shl (i32.load (local.get $list)) (i32.const 2))))
      (local.set $a (i32.add (local.get $base) (i32.shl (i32.load (local.get $row)) (local.get $shift))))
      (local.set $e (i32.add (local.get $base) (i32.shl (i32.load offset=4 (local.get $row)) (local.get $shift))))
      (block $d (loop $l
        (br_if $d (i32.ge_u (local.get $a) (local.get $e)))
        (local.set $x (i32.xor (local.get $x) (i32.load8_u (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (br $l)))
      (local.set $list (i32.add (local.get $list) (i32.const 4)))
      (br $rows)))
    (local.get $x))

  ;; Spikes per block of $touch: the rows of a block are read into the cache as the delivery
  ;; enters it (32 rows: 16 KB at N = 10^4, K = 10^3, well within the second-level cache).
  (global $BLOCK i32 (i32.const 32))

    ;; Adds w to acc[t] for every target t of every spike in list[0 .. count - 1], spikes in list
  ;; order and targets in stored order. The targets of spike j are the bytes bytes[offsets[j] ..
  ;; offsets[j + 1] - 1], each the gap from the target before it (from -1 for the first), a zero
  ;; byte meaning "advance 255, no synapse" (see encode in sampler.wat). Four bytes per iteration
  ;; read as one word: when none of them is zero (the test (x - 0x01010101) & ~x & 0x80808080 is
  ;; zero exactly then), their four targets without a branch each; else the first byte alone.
  ;; Byte gaps are used for N <= 32 K only, where zero bytes are at most 3.5e-4 of the bytes.
  ;; The rows of each block of 32 spikes are read into the cache as the delivery enters the block
  ;; ($touch: a bin's rows are scattered over the connectivity, which outgrows the caches from
  ;; N = 10^4, K = 10^3 on). Returns the number of synaptic events.
  (func $deliver (export "deliver")
    (param $list i32) (param $count i32) (param $offsets i32) (param $bytes i32) (param $acc i32) (param $w f64)
    (result i32)
    (local $end i32) (local $row i32) (local $q i32) (local $e i32) (local $t i32) (local $d i32) (local $n i32) (local $z i32) (local $x i32) (local $sink i32) (local $blockEnd i32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $spikes
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        ;; entering a block of spikes: its rows into the cache
        (if (i32.ge_u (local.get $list) (local.get $blockEnd))
          (then
            (local.set $blockEnd (i32.add (local.get $list) (i32.shl (global.get $BLOCK) (i32.const 2))))
            (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
            (local.set $sink (i32.xor (local.get $sink) (call $touch (local.get $list)
              (i32.shr_u (i32.sub (local.get $blockEnd) (local.get $list)) (i32.const 2)) (local.get $offsets) (local.get $bytes) (i32.const 0))))))
        (local.set $row (i32.add (local.get $offsets) (i32.shl (i32.load (local.get $list)) (i32.const 2))))
        (local.set $q (i32.add (local.get $bytes) (i32.load (local.get $row))))
        (local.set $e (i32.add (local.get $bytes) (i32.load offset=4 (local.get $row))))
        (local.set $n (i32.add (local.get $n) (i32.sub (local.get $e) (local.get $q))))
        ;; the address of acc[-1]
        (local.set $t (i32.sub (local.get $acc) (i32.const 8)))
        (block $b4
          (loop $l4
            (br_if $b4 (i32.gt_u (i32.add (local.get $q) (i32.const 4)) (local.get $e)))
            (local.set $x (i32.load (local.get $q)))
            (if (i32.and (i32.and (i32.sub (local.get $x) (i32.const 0x01010101)) (i32.xor (local.get $x) (i32.const -1))) (i32.const 0x80808080))
              (then
                (local.set $d (i32.and (local.get $x) (i32.const 255)))
                (if (local.get $d)
                  (then
                    (local.set $t (i32.add (local.get $t) (i32.shl (local.get $d) (i32.const 3))))
                    (f64.store (local.get $t) (f64.add (f64.load (local.get $t)) (local.get $w))))
                  (else
                    (local.set $t (i32.add (local.get $t) (i32.const 2040)))
                    (local.set $z (i32.add (local.get $z) (i32.const 1)))))
                (local.set $q (i32.add (local.get $q) (i32.const 1)))
                (br $l4)))
            ;; bytes 0 .. 3 of x, each times 8 (the bytes of an f64)
            (local.set $t (i32.add (local.get $t) (i32.shl (i32.and (local.get $x) (i32.const 255)) (i32.const 3))))
            (f64.store (local.get $t) (f64.add (f64.load (local.get $t)) (local.get $w)))
            (local.set $t (i32.add (local.get $t) (i32.and (i32.shr_u (local.get $x) (i32.const 5)) (i32.const 2040))))
            (f64.store (local.get $t) (f64.add (f64.load (local.get $t)) (local.get $w)))
            (local.set $t (i32.add (local.get $t) (i32.and (i32.shr_u (local.get $x) (i32.const 13)) (i32.const 2040))))
            (f64.store (local.get $t) (f64.add (f64.load (local.get $t)) (local.get $w)))
            (local.set $t (i32.add (local.get $t) (i32.shl (i32.shr_u (local.get $x) (i32.const 24)) (i32.const 3))))
            (f64.store (local.get $t) (f64.add (f64.load (local.get $t)) (local.get $w)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $l4)))
        (block $b1
          (loop $l1
            (br_if $b1 (i32.ge_u (local.get $q) (local.get $e)))
            (local.set $d (i32.load8_u (local.get $q)))
            (if (local.get $d)
              (then
                (local.set $t (i32.add (local.get $t) (i32.shl (local.get $d) (i32.const 3))))
                (f64.store (local.get $t) (f64.add (f64.load (local.get $t)) (local.get $w))))
              (else
                (local.set $t (i32.add (local.get $t) (i32.const 2040)))
                (local.set $z (i32.add (local.get $z) (i32.const 1)))))
            (local.set $q (i32.add (local.get $q) (i32.const 1)))
            (br $l1)))
        (local.set $list (i32.add (local.get $list) (i32.const 4)))
        (br $spikes)))
    (global.set $touched (local.get $sink))
    (i32.sub (local.get $n) (local.get $z)))

  ;; Adds w to acc[t] for every target t of every spike in list[0 .. count - 1], spikes in list
  ;; order and targets in stored order (u16 targets[offsets[j] .. offsets[j + 1] - 1] for
  ;; spike j), four targets per iteration: the u16 storage of sparser networks (N > 32 K), the
  ;; rows of each block of spikes read into the cache first (as in $deliver). Returns the number
  ;; of synaptic events.
  (func $deliver16 (export "deliver16")
    (param $list i32) (param $count i32) (param $offsets i32) (param $targets i32) (param $acc i32) (param $w f64)
    (result i32)
    (local $end i32) (local $row i32) (local $q i32) (local $e i32) (local $a i32) (local $n i32) (local $sink i32) (local $blockEnd i32)
    (local.set $end (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $spikes
        (br_if $done (i32.ge_u (local.get $list) (local.get $end)))
        ;; entering a block of spikes: its rows into the cache
        (if (i32.ge_u (local.get $list) (local.get $blockEnd))
          (then
            (local.set $blockEnd (i32.add (local.get $list) (i32.shl (global.get $BLOCK) (i32.const 2))))
            (if (i32.gt_u (local.get $blockEnd) (local.get $end)) (then (local.set $blockEnd (local.get $end))))
            (local.set $sink (i32.xor (local.get $sink) (call $touch (local.get $list)
              (i32.shr_u (i32.sub (local.get $blockEnd) (local.get $list)) (i32.const 2)) (local.get $offsets) (local.get $targets) (i32.const 1))))))
        (local.set $row (i32.add (local.get $offsets) (i32.shl (i32.load (local.get $list)) (i32.const 2))))
        (local.set $q (i32.add (local.get $targets) (i32.shl (i32.load (local.get $row)) (i32.const 1))))
        (local.set $e (i32.add (local.get $targets) (i32.shl (i32.load offset=4 (local.get $row)) (i32.const 1))))
        (local.set $n (i32.add (local.get $n) (i32.shr_u (i32.sub (local.get $e) (local.get $q)) (i32.const 1))))
        ;; four targets per iteration
        (block $b4
          (loop $l4
            (br_if $b4 (i32.gt_u (i32.add (local.get $q) (i32.const 8)) (local.get $e)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (i32.load16_u (local.get $q)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (i32.load16_u offset=2 (local.get $q)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (i32.load16_u offset=4 (local.get $q)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (i32.load16_u offset=6 (local.get $q)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
            (local.set $q (i32.add (local.get $q) (i32.const 8)))
            (br $l4)))
        (block $b1
          (loop $l1
            (br_if $b1 (i32.ge_u (local.get $q) (local.get $e)))
            (local.set $a (i32.add (local.get $acc) (i32.shl (i32.load16_u (local.get $q)) (i32.const 3))))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (local.get $w)))
            (local.set $q (i32.add (local.get $q) (i32.const 2)))
            (br $l1)))
        (local.set $list (i32.add (local.get $list) (i32.const 4)))
        (br $spikes)))
    (global.set $touched (local.get $sink))
    (local.get $n))

  ;; One Euler step of n neurons: V = V * decay + acc (f64.mul then f64.add, two lanes at a
  ;; time); if V > vTh, write the neuron's index plus base to out and set V = 0; then acc = 0. Eight
  ;; neurons per iteration with one branch into the rare spiking case; spikes are written in
  ;; increasing index. Returns the number of spikes written.
  (func $step (export "step")
    (param $V i32) (param $acc i32) (param $n i32) (param $decay f64) (param $vTh f64) (param $out i32) (param $base i32)
    (result i32)
    (local $d v128) (local $th v128) (local $i i32) (local $p i32) (local $a i32) (local $m i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $q i32) (local $v f64)
    (local.set $d (f64x2.splat (local.get $decay)))
    (local.set $th (f64x2.splat (local.get $vTh)))
    (block $b8
      (loop $l8
        (br_if $b8 (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
        (local.set $p (i32.add (local.get $V) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $v0 (f64x2.add (f64x2.mul (v128.load (local.get $p)) (local.get $d)) (v128.load (local.get $a))))
        (local.set $v1 (f64x2.add (f64x2.mul (v128.load offset=16 (local.get $p)) (local.get $d)) (v128.load offset=16 (local.get $a))))
        (local.set $v2 (f64x2.add (f64x2.mul (v128.load offset=32 (local.get $p)) (local.get $d)) (v128.load offset=32 (local.get $a))))
        (local.set $v3 (f64x2.add (f64x2.mul (v128.load offset=48 (local.get $p)) (local.get $d)) (v128.load offset=48 (local.get $a))))
        (v128.store (local.get $p) (local.get $v0))
        (v128.store offset=16 (local.get $p) (local.get $v1))
        (v128.store offset=32 (local.get $p) (local.get $v2))
        (v128.store offset=48 (local.get $p) (local.get $v3))
        (v128.store (local.get $a) (v128.const i64x2 0 0))
        (v128.store offset=16 (local.get $a) (v128.const i64x2 0 0))
        (v128.store offset=32 (local.get $a) (v128.const i64x2 0 0))
        (v128.store offset=48 (local.get $a) (v128.const i64x2 0 0))
        (if (v128.any_true (v128.or
              (v128.or (f64x2.gt (local.get $v0) (local.get $th)) (f64x2.gt (local.get $v1) (local.get $th)))
              (v128.or (f64x2.gt (local.get $v2) (local.get $th)) (f64x2.gt (local.get $v3) (local.get $th)))))
          (then
            (local.set $q (i32.const 0))
            (loop $spk
              (if (f64.gt (f64.load (local.get $p)) (local.get $vTh))
                (then
                  (i32.store (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 2))) (i32.add (local.get $base) (i32.add (local.get $i) (local.get $q))))
                  (local.set $m (i32.add (local.get $m) (i32.const 1)))
                  (f64.store (local.get $p) (f64.const 0))))
              (local.set $p (i32.add (local.get $p) (i32.const 8)))
              (local.set $q (i32.add (local.get $q) (i32.const 1)))
              (br_if $spk (i32.lt_u (local.get $q) (i32.const 8))))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $l8)))
    ;; the last n mod 8 neurons, one at a time
    (block $b1
      (loop $l1
        (br_if $b1 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $p (i32.add (local.get $V) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $a (i32.add (local.get $acc) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $v (f64.add (f64.mul (f64.load (local.get $p)) (local.get $decay)) (f64.load (local.get $a))))
        (f64.store (local.get $a) (f64.const 0))
        (if (f64.gt (local.get $v) (local.get $vTh))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 2))) (i32.add (local.get $base) (local.get $i)))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))
            (local.set $v (f64.const 0))))
        (f64.store (local.get $p) (local.get $v))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l1)))
    (local.get $m))

  ;; Copies n i32 words from src to dst (a few spikes: a plain loop).
  (func $copy (param $dst i32) (param $src i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $src) (i32.shl (local.get $n) (i32.const 2))))
    (block $b
      (loop $l
        (br_if $b (i32.ge_u (local.get $src) (local.get $end)))
        (i32.store (local.get $dst) (i32.load (local.get $src)))
        (local.set $src (i32.add (local.get $src) (i32.const 4)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
        (br $l))))

  ;; Bins k0 .. k1 - 1 of a one-thread run, each as the calling thread's bin and closeBin in
  ;; run.ts do them (see chunked.ts, which writes the header at $h): the deliveries of the
  ;; header's entries in order (spike lists and counts of bin k - 1's parity), the step of E then
  ;; I (their spike counts into the count words of bin k's parity), then the spikes of bin k
  ;; appended to the recording buffers (their count per bin beside them) and the X spikes of bin k
  ;; copied from the chunk's X list into the X list of its parity. Stops before a bin whose spikes
  ;; might not fit in the recording buffers. Header (byte offsets): 0 entries, 4 entry table
  ;; (40 bytes each: lists by parity, count-word addresses by parity, row pointers, targets,
  ;; accumulators, pad, f64 weight), 8 byte gaps (1) or u16 targets (0), 12 VE, 16 VI, 20 accE,
  ;; 24 accI, 28 n, 32 base, 36/40 E lists by parity, 44/48 I lists, 52/56 E count words,
  ;; 60/64 I count words, 68/72 X lists, 76/80 X count words, 84 chunk's X list, 88 its offsets
  ;; by bin, 92 its first bin, 96/100 E and I recording buffers, 104 their capacity (words),
  ;; 108/112 their fill, 116/120 spikes per bin, 124 their first bin, f64: 128 decay, 136 vTh,
  ;; 144 synaptic events so far. Returns the first bin not run.
  (func (export "bins") (param $h i32) (param $k i32) (param $k1 i32) (result i32)
    (local $src i32) (local $dst i32) (local $e i32) (local $eEnd i32) (local $c i32) (local $n i32)
    (local $m i32) (local $ev f64) (local $x i32)
    (local.set $n (i32.load offset=28 (local.get $h)))
    (local.set $ev (f64.load offset=144 (local.get $h)))
    (block $done
      (loop $bin
        (br_if $done (i32.ge_u (local.get $k) (local.get $k1)))
        (br_if $done (i32.gt_u (i32.add (i32.load offset=108 (local.get $h)) (local.get $n)) (i32.load offset=104 (local.get $h))))
        (br_if $done (i32.gt_u (i32.add (i32.load offset=112 (local.get $h)) (local.get $n)) (i32.load offset=104 (local.get $h))))
        ;; byte offsets of the parities of bin k - 1 (src) and bin k (dst) in the pairs above
        (local.set $src (i32.shl (i32.and (i32.sub (local.get $k) (i32.const 1)) (i32.const 1)) (i32.const 2)))
        (local.set $dst (i32.sub (i32.const 4) (local.get $src)))
        (local.set $e (i32.load offset=4 (local.get $h)))
        (local.set $eEnd (i32.add (local.get $e) (i32.mul (i32.load (local.get $h)) (i32.const 40))))
        (block $dd
          (loop $deliveries
            (br_if $dd (i32.ge_u (local.get $e) (local.get $eEnd)))
            (local.set $c (i32.load (i32.load offset=8 (i32.add (local.get $e) (local.get $src)))))
            (if (i32.gt_s (local.get $c) (i32.const 0))
              (then
                (local.set $ev (f64.add (local.get $ev) (f64.convert_i32_u
                  (if (result i32) (i32.load offset=8 (local.get $h))
                    (then (call $deliver (i32.load (i32.add (local.get $e) (local.get $src))) (local.get $c)
                      (i32.load offset=16 (local.get $e)) (i32.load offset=20 (local.get $e)) (i32.load offset=24 (local.get $e)) (f64.load offset=32 (local.get $e))))
                    (else (call $deliver16 (i32.load (i32.add (local.get $e) (local.get $src))) (local.get $c)
                      (i32.load offset=16 (local.get $e)) (i32.load offset=20 (local.get $e)) (i32.load offset=24 (local.get $e)) (f64.load offset=32 (local.get $e))))))))))
            (local.set $e (i32.add (local.get $e) (i32.const 40)))
            (br $deliveries)))
        ;; the steps of E and I, their spikes recorded
        (local.set $m (call $step (i32.load offset=12 (local.get $h)) (i32.load offset=20 (local.get $h)) (local.get $n)
          (f64.load offset=128 (local.get $h)) (f64.load offset=136 (local.get $h)) (i32.load offset=36 (i32.add (local.get $h) (local.get $dst))) (i32.load offset=32 (local.get $h))))
        (i32.store (i32.load offset=52 (i32.add (local.get $h) (local.get $dst))) (local.get $m))
        (call $copy (i32.add (i32.load offset=96 (local.get $h)) (i32.shl (i32.load offset=108 (local.get $h)) (i32.const 2)))
          (i32.load offset=36 (i32.add (local.get $h) (local.get $dst))) (local.get $m))
        (i32.store offset=108 (local.get $h) (i32.add (i32.load offset=108 (local.get $h)) (local.get $m)))
        (i32.store (i32.add (i32.load offset=116 (local.get $h)) (i32.shl (i32.sub (local.get $k) (i32.load offset=124 (local.get $h))) (i32.const 2))) (local.get $m))
        (local.set $m (call $step (i32.load offset=16 (local.get $h)) (i32.load offset=24 (local.get $h)) (local.get $n)
          (f64.load offset=128 (local.get $h)) (f64.load offset=136 (local.get $h)) (i32.load offset=44 (i32.add (local.get $h) (local.get $dst))) (i32.load offset=32 (local.get $h))))
        (i32.store (i32.load offset=60 (i32.add (local.get $h) (local.get $dst))) (local.get $m))
        (call $copy (i32.add (i32.load offset=100 (local.get $h)) (i32.shl (i32.load offset=112 (local.get $h)) (i32.const 2)))
          (i32.load offset=44 (i32.add (local.get $h) (local.get $dst))) (local.get $m))
        (i32.store offset=112 (local.get $h) (i32.add (i32.load offset=112 (local.get $h)) (local.get $m)))
        (i32.store (i32.add (i32.load offset=120 (local.get $h)) (i32.shl (i32.sub (local.get $k) (i32.load offset=124 (local.get $h))) (i32.const 2))) (local.get $m))
        ;; the X spikes of bin k into the X list of its parity
        (local.set $x (i32.add (i32.load offset=88 (local.get $h)) (i32.shl (i32.sub (local.get $k) (i32.load offset=92 (local.get $h))) (i32.const 2))))
        (local.set $c (i32.sub (i32.load offset=4 (local.get $x)) (i32.load (local.get $x))))
        (call $copy (i32.load offset=68 (i32.add (local.get $h) (local.get $dst)))
          (i32.add (i32.load offset=84 (local.get $h)) (i32.shl (i32.load (local.get $x)) (i32.const 2))) (local.get $c))
        (i32.store (i32.load offset=76 (i32.add (local.get $h) (local.get $dst))) (local.get $c))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bin)))
    (f64.store offset=144 (local.get $h) (local.get $ev))
    (local.get $k))
)
