;; The connectivity's sampling and transposing (lib/src/network/connectivity-blocks.ts), and the
;; spikes of the external population X of a run (lib/src/network/external.ts), in WebAssembly for
;; speed (about a third of the time of the same loops in JavaScript; for X, no JavaScript to be
;; optimized while a run's first bins are timed). Compiled by
;; scripts/build-wasm.js (wabt) into sampler-wasm.ts at build time (npm run build).
;;
;; The random numbers are the 32-bit outputs of one xor4096 stream (Brent's xorgens, exactly the
;; outputs of seedrandom.xor4096(seed).int32()), generated 128 at a time, four per SIMD step: the
;; four steps from an index i with i + 1 a multiple of 4 read X[i + 1 .. i + 4] and
;; X[i + 34 .. i + 37] (mod 128) and write X[i + 1 .. i + 4], so none reads what another writes.
;;
;; The memory is private to one thread (not shared). Its first 2048 bytes hold the stream:
;; X[0 .. 127] (i32) at 0 with a copy of X[0 .. 3] after it at 512 (so that four consecutive
;; entries from any index can be read at once), the index i at 528, the Weyl word w at 532, the
;; position of the next unused output at 536 and the 128 outputs (u32) at 1024.
;;
;; The calling code (connectivity-blocks.ts) calls $sample, $advance, $count, $scatter and $distribute in chunks of
;; a few dozen neurons: V8 first runs a module in baseline code and replaces a function with
;; optimized code (about twice as fast here) only between calls, so one long call would stay slow.
;; The module's functions.
(module
  (memory (import "env" "memory") 1)

  ;; One scalar step of the stream: returns the next output.
  (func $step (result i32)
    (local $i i32) (local $w i32) (local $v i32) (local $u i32)
    (local.set $w (i32.add (i32.load (i32.const 532)) (i32.const 0x61c88647)))
    (i32.store (i32.const 532) (local.get $w))
    (local.set $i (i32.load (i32.const 528)))
    (local.set $v (i32.load (i32.shl (i32.and (i32.add (local.get $i) (i32.const 34)) (i32.const 127)) (i32.const 2))))
    (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 127)))
    (i32.store (i32.const 528) (local.get $i))
    (local.set $u (i32.load (i32.shl (local.get $i) (i32.const 2))))
    (local.set $v (i32.xor (local.get $v) (i32.shl (local.get $v) (i32.const 13))))
    (local.set $u (i32.xor (local.get $u) (i32.shl (local.get $u) (i32.const 17))))
    (local.set $v (i32.xor (local.get $v) (i32.shr_u (local.get $v) (i32.const 15))))
    (local.set $u (i32.xor (local.get $u) (i32.shr_u (local.get $u) (i32.const 12))))
    (local.set $v (i32.xor (local.get $v) (local.get $u)))
    (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $v))
    ;; keep the copy of X[0 .. 3]
    (if (i32.lt_u (local.get $i) (i32.const 4))
      (then (i32.store offset=512 (i32.shl (local.get $i) (i32.const 2)) (local.get $v))))
    (i32.add (local.get $v) (i32.xor (local.get $w) (i32.shr_u (local.get $w) (i32.const 16)))))

  ;; Fills the 128 outputs at 1024 with the next 128 outputs of the stream (and sets the position
  ;; to 0): scalar steps until i + 1 is a multiple of 4, then four steps at a time, then scalar
  ;; steps to 128 (after 128 steps i is back where it started).
  (func $refill
    (local $n i32) (local $a i32) (local $w i32) (local $x v128) (local $y v128) (local $ww v128)
    (block $aligned
      (loop $pre
        (br_if $aligned (i32.eqz (i32.and (i32.add (i32.load (i32.const 528)) (i32.const 1)) (i32.const 3))))
        (i32.store offset=1024 (i32.shl (local.get $n) (i32.const 2)) (call $step))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $pre)))
    (local.set $a (i32.and (i32.add (i32.load (i32.const 528)) (i32.const 1)) (i32.const 127)))
    (local.set $w (i32.load (i32.const 532)))
    (block $simd_done
      (loop $simd
        (br_if $simd_done (i32.gt_u (i32.add (local.get $n) (i32.const 4)) (i32.const 128)))
        (local.set $x (v128.load (i32.shl (i32.and (i32.add (local.get $a) (i32.const 33)) (i32.const 127)) (i32.const 2))))
        (local.set $y (v128.load (i32.shl (local.get $a) (i32.const 2))))
        (local.set $x (v128.xor (local.get $x) (i32x4.shl (local.get $x) (i32.const 13))))
        (local.set $y (v128.xor (local.get $y) (i32x4.shl (local.get $y) (i32.const 17))))
        (local.set $x (v128.xor (local.get $x) (i32x4.shr_u (local.get $x) (i32.const 15))))
        (local.set $y (v128.xor (local.get $y) (i32x4.shr_u (local.get $y) (i32.const 12))))
        (local.set $x (v128.xor (local.get $x) (local.get $y)))
        (v128.store (i32.shl (local.get $a) (i32.const 2)) (local.get $x))
        (if (i32.eqz (local.get $a)) (then (v128.store (i32.const 512) (local.get $x))))
        (local.set $ww (i32x4.add (i32x4.splat (local.get $w)) (v128.const i32x4 0x61c88647 0xc3910c8e 0x255992d5 0x8722191c)))
        (local.set $w (i32.add (local.get $w) (i32.const 0x8722191c)))
        (v128.store offset=1024 (i32.shl (local.get $n) (i32.const 2))
          (i32x4.add (local.get $x) (v128.xor (local.get $ww) (i32x4.shr_u (local.get $ww) (i32.const 16)))))
        (local.set $a (i32.and (i32.add (local.get $a) (i32.const 4)) (i32.const 127)))
        (local.set $n (i32.add (local.get $n) (i32.const 4)))
        (br $simd)))
    (i32.store (i32.const 528) (i32.and (i32.sub (local.get $a) (i32.const 1)) (i32.const 127)))
    (i32.store (i32.const 532) (local.get $w))
    (block $post_done
      (loop $post
        (br_if $post_done (i32.ge_u (local.get $n) (i32.const 128)))
        (i32.store offset=1024 (i32.shl (local.get $n) (i32.const 2)) (call $step))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $post)))
    (i32.store (i32.const 536) (i32.const 0)))

  ;; For each of $posts postsynaptic neurons, draws K distinct presynaptic indices uniformly from
  ;; [0, N) by Floyd's algorithm, with uniform integers in [0, n) from Lemire's multiply-and-reject
  ;; on the stream's outputs: the same draws, bit for bit, as the JavaScript of earlier versions,
  ;; so every seed keeps its connectivity. $seen holds N u16 stamps: index t is taken in the
  ;; current row when its stamp is the row's stamp, the u16 at 1536 (outside the stream's state),
  ;; which grows by one per row, the stamps all zeroed when it wraps (so no row clears its own);
  ;; zero on the first call. The rows go to $out, K indices per neuron (u16 when $wide = 0, else u32).
  (func (export "sample")
    (param $N i32) (param $K i32) (param $posts i32) (param $seen i32) (param $out i32) (param $wide i32)
    (local $k i32) (local $post i32) (local $j i32) (local $n i32)
    (local $prod i64) (local $lo i32) (local $t i32) (local $o i32) (local $stamp i32)
    (local.set $k (i32.load (i32.const 536)))
    (local.set $stamp (i32.load16_u (i32.const 1536)))
    (local.set $o (local.get $out))
    (block $posts_done
      (loop $posts_loop
        (br_if $posts_done (i32.ge_u (local.get $post) (local.get $posts)))
        (local.set $stamp (i32.and (i32.add (local.get $stamp) (i32.const 1)) (i32.const 0xffff)))
        (if (i32.eqz (local.get $stamp))
          (then
            (memory.fill (local.get $seen) (i32.const 0) (i32.shl (local.get $N) (i32.const 1)))
            (local.set $stamp (i32.const 1))))
        (local.set $j (i32.sub (local.get $N) (local.get $K)))
        (block $js_done
          (loop $js
            (br_if $js_done (i32.ge_u (local.get $j) (local.get $N)))
            (local.set $n (i32.add (local.get $j) (i32.const 1)))
            ;; t uniform in [0, n): the high word of r n, for the first output r with r n mod 2^32
            ;; >= 2^32 mod n (Lemire)
            (block $accepted
              (loop $draw
                (if (i32.ge_u (local.get $k) (i32.const 128))
                  (then (call $refill) (local.set $k (i32.const 0))))
                (local.set $prod (i64.mul (i64.extend_i32_u (i32.load offset=1024 (i32.shl (local.get $k) (i32.const 2))))
                                          (i64.extend_i32_u (local.get $n))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (local.set $lo (i32.wrap_i64 (local.get $prod)))
                (br_if $accepted (i32.ge_u (local.get $lo) (local.get $n)))
                ;; 2^32 mod n = (0 - n) mod n in 32 bits
                (br_if $accepted (i32.ge_u (local.get $lo) (i32.rem_u (i32.sub (i32.const 0) (local.get $n)) (local.get $n))))
                (br $draw)))
            ;; Floyd: t, or j if t is already taken (j itself never is: every index taken is < j)
            (local.set $t (i32.wrap_i64 (i64.shr_u (local.get $prod) (i64.const 32))))
            (if (i32.eq (i32.load16_u (i32.add (local.get $seen) (i32.shl (local.get $t) (i32.const 1)))) (local.get $stamp))
              (then (local.set $t (local.get $j))))
            (i32.store16 (i32.add (local.get $seen) (i32.shl (local.get $t) (i32.const 1))) (local.get $stamp))
            (if (local.get $wide)
              (then (i32.store (local.get $o) (local.get $t)) (local.set $o (i32.add (local.get $o) (i32.const 4))))
              (else (i32.store16 (local.get $o) (local.get $t)) (local.set $o (i32.add (local.get $o) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $js)))
        (local.set $post (i32.add (local.get $post) (i32.const 1)))
        (br $posts_loop)))
    (i32.store16 (i32.const 1536) (local.get $stamp))
    (i32.store (i32.const 536) (local.get $k)))

  ;; Moves the stream past the draws $sample makes for $posts postsynaptic neurons, without
  ;; making them: the outputs Lemire's test takes or rejects depend on the outputs and on n alone
  ;; (Floyd's replacement of a taken index draws nothing), so the stream ends where $sample's
  ;; would. About a fifth of $sample's time: a thread publishes the next part's start state after
  ;; this, and the parts' draws run side by side (connectivity-relay.ts).
  (func (export "advance") (param $N i32) (param $K i32) (param $posts i32)
    (local $k i32) (local $left i32) (local $n i32) (local $lo i32) (local $nv v128)
    (local.set $k (i32.load (i32.const 536)))
    (local.set $left (i32.mul (local.get $posts) (local.get $K)))
    (local.set $n (i32.add (i32.sub (local.get $N) (local.get $K)) (i32.const 1)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $left)))
        (if (i32.ge_u (local.get $k) (i32.const 128))
          (then (call $refill) (local.set $k (i32.const 0))))
        ;; four outputs at once when none of them can be rejected (lo >= n in every lane), with
        ;; n, n + 1, n + 2, n + 3 wrapped into (N - K, N] (K >= 4)
        (if (i32.and (i32.and (i32.ge_u (local.get $left) (i32.const 4)) (i32.le_u (local.get $k) (i32.const 124)))
                     (i32.ge_u (local.get $K) (i32.const 4)))
          (then
            (local.set $nv (i32x4.add (i32x4.splat (local.get $n)) (v128.const i32x4 0 1 2 3)))
            (local.set $nv (i32x4.sub (local.get $nv)
              (v128.and (i32x4.gt_u (local.get $nv) (i32x4.splat (local.get $N))) (i32x4.splat (local.get $K)))))
            (if (i32.eqz (v128.any_true (i32x4.lt_u
                  (i32x4.mul (v128.load offset=1024 (i32.shl (local.get $k) (i32.const 2))) (local.get $nv)) (local.get $nv))))
              (then
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (local.set $left (i32.sub (local.get $left) (i32.const 4)))
                (local.set $n (i32.add (local.get $n) (i32.const 4)))
                (if (i32.gt_u (local.get $n) (local.get $N)) (then (local.set $n (i32.sub (local.get $n) (local.get $K)))))
                (br $next)))))
        ;; one output: the low word of r n (see $sample); rejected (rare: lo < n first) when
        ;; lo < 2^32 mod n, and the same n draws again
        (local.set $lo (i32.mul (i32.load offset=1024 (i32.shl (local.get $k) (i32.const 2))) (local.get $n)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (if (i32.lt_u (local.get $lo) (local.get $n))
          (then (br_if $next (i32.lt_u (local.get $lo) (i32.rem_u (i32.sub (i32.const 0) (local.get $n)) (local.get $n))))))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (if (i32.gt_u (local.get $n) (local.get $N)) (then (local.set $n (i32.sub (local.get $n) (local.get $K)))))
        (br $next)))
    (i32.store (i32.const 536) (local.get $k)))

  ;; The transpose of a part, in three steps (each called in chunks of neurons, see $sample): the
  ;; rows written by $sample (K presynaptic indices per postsynaptic neuron, u16 when $wide = 0,
  ;; else u32) become outgoing CSR over the N presynaptic neurons by a counting sort on the
  ;; presynaptic index: row pointers (N + 1 u32) at $off, targets (u16, the postsynaptic neuron's
  ;; index within the part) at $tg, with N u32 cursors at $fill. Postsynaptic neurons are visited
  ;; in order, so targets increase within each row.

  ;; Step 1: adds the $count indices at $rows to the counts at $off (entry j + 1 for index j;
  ;; zero before the first chunk).
  (func (export "count") (param $rows i32) (param $count i32) (param $wide i32) (param $off i32)
    (local $end i32) (local $a i32)
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $count) (i32.add (local.get $wide) (i32.const 1)))))
    (if (local.get $wide)
      (then
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $rows) (local.get $end)))
          (local.set $a (i32.add (local.get $off) (i32.shl (i32.load (local.get $rows)) (i32.const 2))))
          (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
          (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
          (br $l))))
      (else
        (block $d (loop $l
          (br_if $d (i32.ge_u (local.get $rows) (local.get $end)))
          (local.set $a (i32.add (local.get $off) (i32.shl (i32.load16_u (local.get $rows)) (i32.const 2))))
          (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
          (local.set $rows (i32.add (local.get $rows) (i32.const 2)))
          (br $l))))))

  ;; Step 2: the counts at $off become row pointers (prefix sums), copied to the cursors at $fill.
  (func (export "prefix") (param $N i32) (param $off i32) (param $fill i32)
    (local $j i32) (local $acc i32) (local $a i32)
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $j) (local.get $N)))
      (local.set $a (i32.add (local.get $off) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $acc (i32.add (local.get $acc) (i32.load offset=4 (local.get $a))))
      (i32.store (i32.add (local.get $fill) (i32.shl (local.get $j) (i32.const 2))) (i32.load (local.get $a)))
      (i32.store offset=4 (local.get $a) (local.get $acc))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l))))

  ;; Step 3: writes postsynaptic neurons $first .. $first + $posts - 1 (rows at $rows) into the
  ;; rows of their presynaptic partners, at the cursors $fill.
  (func (export "scatter") (param $K i32) (param $first i32) (param $posts i32) (param $rows i32) (param $wide i32) (param $fill i32) (param $tg i32)
    (local $p i32) (local $end i32) (local $q i32) (local $a i32) (local $c i32)
    (local.set $p (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $posts)))
    (block $dp (loop $lp
      (br_if $dp (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $q (i32.const 0))
      (block $dq (loop $lq
        (br_if $dq (i32.ge_u (local.get $q) (local.get $K)))
        (if (local.get $wide)
          (then (local.set $a (i32.load (local.get $rows))) (local.set $rows (i32.add (local.get $rows) (i32.const 4))))
          (else (local.set $a (i32.load16_u (local.get $rows))) (local.set $rows (i32.add (local.get $rows) (i32.const 2)))))
        (local.set $a (i32.add (local.get $fill) (i32.shl (local.get $a) (i32.const 2))))
        (local.set $c (i32.load (local.get $a)))
        (i32.store (local.get $a) (i32.add (local.get $c) (i32.const 1)))
        (i32.store16 (i32.add (local.get $tg) (i32.shl (local.get $c) (i32.const 1))) (local.get $p))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $lq)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $lp))))

  ;; The transpose of a part of a large network (N > 65536), in two cache-friendly passes through
  ;; buckets of 2^$sh presynaptic neurons ($sh <= 9): $distribute appends each chunk's rows to the
  ;; buckets, $bucketScatter then writes the part's CSR bucket after bucket (row pointers at $off,
  ;; targets into a window the size of one bucket, as the steps above), with each bucket's rows
  ;; small enough to stay in the cache.
  ;; A bucket entry is a u16, ((post mod 128) << $sh) | (presynaptic index mod 2^$sh): the rest of
  ;; the post, its segment post >> 7, is where the entry lies, since entries are appended in post
  ;; order and $marks[s nb + b] holds bucket b's first entry of segment s (nb buckets).

  ;; Appends the rows at $rows (u32, K per neuron) of postsynaptic neurons $first .. $first +
  ;; $posts - 1 to their buckets: bucket b's next free entry is at $cursors[b], its end at
  ;; $ends[b]; at the first post of each segment, copies the $nb cursors to its marks. Returns 1
  ;; when a bucket overflowed (checked once per call: the caller then builds the part by the steps
  ;; above), else 0.
  (func (export "distribute") (param $rows i32) (param $first i32) (param $posts i32) (param $K i32) (param $sh i32)
    (param $cursors i32) (param $ends i32) (param $buckets i32) (param $nb i32) (param $marks i32) (result i32)
    (local $p i32) (local $end i32) (local $q i32) (local $v i32) (local $b i32) (local $c i32) (local $lo i32) (local $mask i32)
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $sh)) (i32.const 1)))
    (local.set $p (local.get $first))
    (local.set $end (i32.add (local.get $first) (local.get $posts)))
    (block $dp (loop $lp
      (br_if $dp (i32.ge_u (local.get $p) (local.get $end)))
      (if (i32.eqz (i32.and (local.get $p) (i32.const 127)))
        (then (memory.copy
          (i32.add (local.get $marks) (i32.shl (i32.mul (i32.shr_u (local.get $p) (i32.const 7)) (local.get $nb)) (i32.const 2)))
          (local.get $cursors) (i32.shl (local.get $nb) (i32.const 2)))))
      (local.set $lo (i32.shl (i32.and (local.get $p) (i32.const 127)) (local.get $sh)))
      (local.set $q (i32.const 0))
      (block $dq (loop $lq
        (br_if $dq (i32.ge_u (local.get $q) (local.get $K)))
        (local.set $v (i32.load (local.get $rows)))
        (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
        (local.set $b (i32.shl (i32.shr_u (local.get $v) (local.get $sh)) (i32.const 2)))
        (local.set $c (i32.load (i32.add (local.get $cursors) (local.get $b))))
        (i32.store (i32.add (local.get $cursors) (local.get $b)) (i32.add (local.get $c) (i32.const 1)))
        (i32.store16 (i32.add (local.get $buckets) (i32.shl (local.get $c) (i32.const 1)))
          (i32.or (local.get $lo) (i32.and (local.get $v) (local.get $mask))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $lq)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $lp)))
    ;; full: a cursor past its end (the entries past it went into the next bucket, or into the
    ;; $posts K entries of room after the last: the part is then drawn again)
    (local.set $b (i32.const 0))
    (block $db (loop $lb
      (br_if $db (i32.ge_u (local.get $b) (i32.shl (local.get $nb) (i32.const 2))))
      (if (i32.gt_u (i32.load (i32.add (local.get $cursors) (local.get $b))) (i32.load (i32.add (local.get $ends) (local.get $b))))
        (then (return (i32.const 1))))
      (local.set $b (i32.add (local.get $b) (i32.const 4)))
      (br $lb)))
    (i32.const 0))

  ;; Writes the CSR rows of bucket $b (entries $starts[b] .. $cursors[b] - 1, in post order, in
  ;; $segments segments) of a part over N presynaptic neurons: counts the bucket's rows into $off,
  ;; turns them into row pointers continuing from $off[b 2^$sh] (the total of the buckets before
  ;; it; 0 for the first), then writes each entry's post at its row's cursor in $fill, into the
  ;; window $tg, which starts at the bucket's first target.
  (func (export "bucketScatter") (param $N i32) (param $sh i32) (param $b i32) (param $starts i32) (param $cursors i32)
    (param $buckets i32) (param $off i32) (param $fill i32) (param $tg i32) (param $nb i32) (param $marks i32) (param $segments i32)
    (local $base i32) (local $top i32) (local $s i32) (local $e i32) (local $w i32) (local $j i32)
    (local $first i32) (local $acc i32) (local $a i32) (local $c i32) (local $mask i32) (local $g i32) (local $hi i32) (local $m i32)
    (local.set $mask (i32.sub (i32.shl (i32.const 1) (local.get $sh)) (i32.const 1)))
    (local.set $base (i32.shl (local.get $b) (local.get $sh)))
    (local.set $top (i32.add (local.get $base) (i32.shl (i32.const 1) (local.get $sh))))
    (if (i32.gt_u (local.get $top) (local.get $N)) (then (local.set $top (local.get $N))))
    (local.set $e (i32.load (i32.add (local.get $cursors) (i32.shl (local.get $b) (i32.const 2)))))
    ;; counts
    (local.set $s (i32.load (i32.add (local.get $starts) (i32.shl (local.get $b) (i32.const 2)))))
    (block $dc (loop $lc
      (br_if $dc (i32.ge_u (local.get $s) (local.get $e)))
      (local.set $a (i32.add (local.get $off)
        (i32.shl (i32.add (local.get $base) (i32.and (i32.load16_u (i32.add (local.get $buckets) (i32.shl (local.get $s) (i32.const 1)))) (local.get $mask))) (i32.const 2))))
      (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
      (local.set $s (i32.add (local.get $s) (i32.const 1)))
      (br $lc)))
    ;; row pointers, and cursors relative to the window
    (local.set $first (i32.load (i32.add (local.get $off) (i32.shl (local.get $base) (i32.const 2)))))
    (local.set $acc (local.get $first))
    (local.set $j (local.get $base))
    (block $dj (loop $lj
      (br_if $dj (i32.ge_u (local.get $j) (local.get $top)))
      (local.set $a (i32.add (local.get $off) (i32.shl (local.get $j) (i32.const 2))))
      (i32.store (local.get $a) (local.get $acc))
      (i32.store (i32.add (local.get $fill) (i32.shl (local.get $j) (i32.const 2))) (i32.sub (local.get $acc) (local.get $first)))
      (local.set $acc (i32.add (local.get $acc) (i32.load offset=4 (local.get $a))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $lj)))
    (i32.store (i32.add (local.get $off) (i32.shl (local.get $top) (i32.const 2))) (local.get $acc))
    ;; targets, segment by segment: entries $marks[g nb + b] .. (the next segment's mark, or the
    ;; cursor after the last segment) - 1 have posts (g << 7) | (entry >> $sh)
    (local.set $m (i32.add (local.get $marks) (i32.shl (local.get $b) (i32.const 2))))
    (local.set $g (i32.const 0))
    (block $dg (loop $lg
      (br_if $dg (i32.ge_u (local.get $g) (local.get $segments)))
      (local.set $s (i32.load (local.get $m)))
      (local.set $m (i32.add (local.get $m) (i32.shl (local.get $nb) (i32.const 2))))
      (local.set $g (i32.add (local.get $g) (i32.const 1)))
      (local.set $e (select (i32.load (local.get $m)) (i32.load (i32.add (local.get $cursors) (i32.shl (local.get $b) (i32.const 2))))
        (i32.lt_u (local.get $g) (local.get $segments))))
      (local.set $hi (i32.shl (i32.sub (local.get $g) (i32.const 1)) (i32.const 7)))
      (block $dt (loop $lt
        (br_if $dt (i32.ge_u (local.get $s) (local.get $e)))
        (local.set $w (i32.load16_u (i32.add (local.get $buckets) (i32.shl (local.get $s) (i32.const 1)))))
        (local.set $a (i32.add (local.get $fill) (i32.shl (i32.add (local.get $base) (i32.and (local.get $w) (local.get $mask))) (i32.const 2))))
        (local.set $c (i32.load (local.get $a)))
        (i32.store (local.get $a) (i32.add (local.get $c) (i32.const 1)))
        (i32.store16 (i32.add (local.get $tg) (i32.shl (local.get $c) (i32.const 1))) (i32.or (local.get $hi) (i32.shr_u (local.get $w) (local.get $sh))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $lt)))
      (br $lg))))

  ;; Encodes rows $j0 .. $j1 - 1 of a transposed part (row pointers at $off, entry s's target, a
  ;; u16, at $tg + 2 (s - $first)) as bytes at $out, row after row: each target as its gap from the
  ;; one before it (from -1 for a row's first), a gap g > 255 as a zero byte ("advance 255, no
  ;; synapse") for each 255 it exceeds, then the rest (1 .. 255). Replaces $off[j] (j < $j1) by
  ;; the row's first byte, counting from $pos for the first byte written. Returns the bytes written.
  (func (export "encode") (param $j0 i32) (param $j1 i32) (param $off i32) (param $tg i32) (param $first i32)
    (param $out i32) (param $pos i32) (result i32)
    (local $j i32) (local $a i32) (local $s i32) (local $e i32) (local $prev i32) (local $t i32) (local $g i32) (local $q i32)
    (local.set $q (local.get $out))
    (local.set $j (local.get $j0))
    (block $dj (loop $lj
      (br_if $dj (i32.ge_u (local.get $j) (local.get $j1)))
      (local.set $a (i32.add (local.get $off) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $s (i32.load (local.get $a)))
      (local.set $e (i32.load offset=4 (local.get $a)))
      (i32.store (local.get $a) (i32.add (local.get $pos) (i32.sub (local.get $q) (local.get $out))))
      (local.set $prev (i32.const -1))
      (block $ds (loop $ls
        (br_if $ds (i32.ge_u (local.get $s) (local.get $e)))
        (local.set $t (i32.load16_u (i32.add (local.get $tg) (i32.shl (i32.sub (local.get $s) (local.get $first)) (i32.const 1)))))
        (local.set $g (i32.sub (local.get $t) (local.get $prev)))
        (local.set $prev (local.get $t))
        (block $dz (loop $lz
          (br_if $dz (i32.le_u (local.get $g) (i32.const 255)))
          (i32.store8 (local.get $q) (i32.const 0))
          (local.set $q (i32.add (local.get $q) (i32.const 1)))
          (local.set $g (i32.sub (local.get $g) (i32.const 255)))
          (br $lz)))
        (i32.store8 (local.get $q) (local.get $g))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $ls)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $lj)))
    (i32.sub (local.get $q) (local.get $out)))

  ;; The external population X of a run (lib/src/network/external.ts): N Bernoulli processes drawn
  ;; gap by gap on the stream, exactly as Rng.geometric does in JavaScript (seedrandom's double,
  ;; fdlibm's ln, 1 + floor(ln(1 - u) / ln(1 - p))), so every seed keeps its X spikes.

  ;; The next output of the stream (refilled 128 at a time).
  (func $output (result i32)
    (local $k i32)
    (local.set $k (i32.load (i32.const 536)))
    (if (i32.ge_u (local.get $k) (i32.const 128))
      (then (call $refill) (local.set $k (i32.const 0))))
    (i32.store (i32.const 536) (i32.add (local.get $k) (i32.const 1)))
    (i32.load offset=1024 (i32.shl (local.get $k) (i32.const 2))))

  ;; seedrandom's double(): (top + bot) / 2^21 with top = the first output >>> 11 and bot = the
  ;; second / 2^32, drawn again while it is 0: uniform in (0, 1) with 53 random bits.
  (func $double (result f64)
    (local $r f64)
    (loop $again
      (local.set $r (f64.div
        (f64.add (f64.convert_i32_u (i32.shr_u (call $output) (i32.const 11)))
                 (f64.div (f64.convert_i32_u (call $output)) (f64.const 4294967296)))
        (f64.const 2097152)))
      (br_if $again (f64.eq (local.get $r) (f64.const 0))))
    (local.get $r))

  ;; ln(1 + f) for x = 2^k (1 + f), 1 + f in [sqrt(2)/2, sqrt(2)), hx the high word of 1 + f's
  ;; mantissa: fdlibm's minimax polynomial in s = f / (2 + f), as logMantissa in core/log.ts.
  (func $logMantissa (param $f f64) (param $k i32) (param $hx i32) (result f64)
    (local $s f64) (local $z f64) (local $w f64) (local $R f64) (local $hfsq f64) (local $dk f64)
    (local.set $s (f64.div (local.get $f) (f64.add (f64.const 2.0) (local.get $f))))
    (local.set $dk (f64.convert_i32_s (local.get $k)))
    (local.set $z (f64.mul (local.get $s) (local.get $s)))
    (local.set $w (f64.mul (local.get $z) (local.get $z)))
    ;; R = t2 + t1, t1 = w (LG2 + w (LG4 + w LG6)), t2 = z (LG1 + w (LG3 + w (LG5 + w LG7)))
    (local.set $R (f64.add
      (f64.mul (local.get $z) (f64.add (f64.const 6.666666666666735130e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 2.857142874366239149e-01) (f64.mul (local.get $w)
          (f64.add (f64.const 1.818357216161805012e-01) (f64.mul (local.get $w) (f64.const 1.479819860511658591e-01))))))))
      (f64.mul (local.get $w) (f64.add (f64.const 3.999999999940941908e-01) (f64.mul (local.get $w)
        (f64.add (f64.const 2.222219843214978396e-01) (f64.mul (local.get $w) (f64.const 1.531383769920937332e-01))))))))
    (if (i32.gt_s (i32.or (i32.sub (local.get $hx) (i32.const 0x6147a)) (i32.sub (i32.const 0x6b851) (local.get $hx))) (i32.const 0))
      (then
        (local.set $hfsq (f64.mul (f64.mul (f64.const 0.5) (local.get $f)) (local.get $f)))
        (if (i32.eqz (local.get $k))
          (then (return (f64.sub (local.get $f) (f64.sub (local.get $hfsq)
            (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R))))))))
        (return (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
          (f64.sub (f64.sub (local.get $hfsq) (f64.add (f64.mul (local.get $s) (f64.add (local.get $hfsq) (local.get $R)))
            (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10)))) (local.get $f))))))
    (if (i32.eqz (local.get $k))
      (then (return (f64.sub (local.get $f) (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $R)))))))
    (f64.sub (f64.mul (local.get $dk) (f64.const 6.93147180369123816490e-01))
      (f64.sub (f64.sub (f64.mul (local.get $s) (f64.sub (local.get $f) (local.get $R)))
        (f64.mul (local.get $dk) (f64.const 1.90821492927058770002e-10))) (local.get $f))))

  ;; ln x, bit for bit the function ln of core/log.ts (fdlibm's __ieee754_log).
  (func $ln (export "ln") (param $x f64) (result f64)
    (local $hx i32) (local $k i32) (local $i i32) (local $f f64) (local $R f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (if (i32.lt_s (local.get $hx) (i32.const 0x00100000))
      (then
        (if (i32.eqz (i32.or (i32.and (local.get $hx) (i32.const 0x7fffffff)) (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x)))))
          (then (return (f64.const -inf))))
        (if (i32.lt_s (local.get $hx) (i32.const 0)) (then (return (f64.const nan))))
        (local.set $k (i32.const -54))
        (local.set $x (f64.mul (local.get $x) (f64.const 1.80143985094819840000e+16)))
        (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))))
    (if (i32.ge_s (local.get $hx) (i32.const 0x7ff00000)) (then (return (f64.add (local.get $x) (local.get $x)))))
    (local.set $k (i32.add (local.get $k) (i32.sub (i32.shr_s (local.get $hx) (i32.const 20)) (i32.const 1023))))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x000fffff)))
    (local.set $i (i32.and (i32.add (local.get $hx) (i32.const 0x95f64)) (i32.const 0x100000)))
    ;; x with its high word set to hx | (i ^ 0x3ff00000): 1 + f
    (local.set $x (f64.reinterpret_i64 (i64.or
      (i64.and (i64.reinterpret_f64 (local.get $x)) (i64.const 0xffffffff))
      (i64.shl (i64.extend_i32_u (i32.or (local.get $hx) (i32.xor (local.get $i) (i32.const 0x3ff00000)))) (i64.const 32)))))
    (local.set $k (i32.add (local.get $k) (i32.shr_s (local.get $i) (i32.const 20))))
    (local.set $f (f64.sub (local.get $x) (f64.const 1.0)))
    (if (i32.lt_s (i32.and (i32.const 0x000fffff) (i32.add (i32.const 2) (local.get $hx))) (i32.const 3))
      (then
        (if (f64.eq (local.get $f) (f64.const 0))
          (then (return (if (result f64) (i32.eqz (local.get $k)) (then (f64.const 0))
            (else (f64.add (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 6.93147180369123816490e-01))
                           (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 1.90821492927058770002e-10))))))))
        (local.set $R (f64.mul (f64.mul (local.get $f) (local.get $f))
          (f64.sub (f64.const 0.5) (f64.mul (f64.const 0.33333333333333333) (local.get $f)))))
        (return (if (result f64) (i32.eqz (local.get $k)) (then (f64.sub (local.get $f) (local.get $R)))
          (else (f64.sub (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 6.93147180369123816490e-01))
            (f64.sub (f64.sub (local.get $R) (f64.mul (f64.convert_i32_s (local.get $k)) (f64.const 1.90821492927058770002e-10))) (local.get $f))))))))
    (call $logMantissa (local.get $f) (local.get $k) (local.get $hx)))

  ;; A geometric variate on the stream, as Rng.geometric(p): 1 for p >= 1, Infinity for p <= 0,
  ;; else 1 + floor(ln(1 - u) / lq) with u from $double and lq = ln(1 - p) (Math.log1p(-p)).
  (func $geometric (param $p f64) (param $lq f64) (result f64)
    (if (f64.ge (local.get $p) (f64.const 1)) (then (return (f64.const 1))))
    (if (f64.le (local.get $p) (f64.const 0)) (then (return (f64.const inf))))
    (f64.add (f64.const 1) (f64.floor (f64.div (call $ln (f64.sub (f64.const 1) (call $double))) (local.get $lq)))))

  ;; The first spike bin of each of N processes: next[j] = geometric - 1 (f64 at $next).
  (func (export "xFirst") (param $N i32) (param $p f64) (param $lq f64) (param $next i32)
    (local $j i32)
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $j) (local.get $N)))
      (f64.store (i32.add (local.get $next) (i32.shl (local.get $j) (i32.const 3)))
        (f64.sub (call $geometric (local.get $p) (local.get $lq)) (f64.const 1)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l))))

  ;; The spikes of bins [c0, c1) of N processes, neuron by neuron from the one in the i32 at byte 2048 (the
  ;; events so far at byte 2052): each spike bin b < c1 from next[j] on, as the pair (j, b) at
  ;; $ev, up to $cap pairs; next[j] then holds the first bin >= c1. Returns 1 when every neuron is
  ;; done, 0 when the pairs are full (the i32s at 2048 and 2052 then say where to resume).
  (func (export "xDraw") (param $N i32) (param $c1 f64) (param $p f64) (param $lq f64) (param $next i32) (param $ev i32) (param $cap i32) (result i32)
    (local $j i32) (local $m i32) (local $a i32) (local $b f64)
    (local.set $j (i32.load (i32.const 2048)))
    (local.set $m (i32.load (i32.const 2052)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $j) (local.get $N)))
      (local.set $a (i32.add (local.get $next) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $b (f64.load (local.get $a)))
      (block $db (loop $lb
        (br_if $db (i32.eqz (f64.lt (local.get $b) (local.get $c1))))
        (if (i32.ge_u (local.get $m) (local.get $cap))
          (then
            (f64.store (local.get $a) (local.get $b))
            (i32.store (i32.const 2048) (local.get $j))
            (i32.store (i32.const 2052) (local.get $m))
            (return (i32.const 0))))
        (i32.store (i32.add (local.get $ev) (i32.shl (local.get $m) (i32.const 3))) (local.get $j))
        (i32.store offset=4 (i32.add (local.get $ev) (i32.shl (local.get $m) (i32.const 3))) (i32.trunc_f64_u (local.get $b)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (local.set $b (f64.add (local.get $b) (call $geometric (local.get $p) (local.get $lq))))
        (br $lb)))
      (f64.store (local.get $a) (local.get $b))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $l)))
    (i32.store (i32.const 2048) (local.get $j))
    (i32.store (i32.const 2052) (local.get $m))
    (i32.const 1))

  ;; The m pairs (neuron, bin) at $ev, bins in [c0, c0 + n), sorted by bin (a stable counting
  ;; sort, so by neuron within a bin): neurons to $list, bin starts to $off (n + 1 u32, bin k's
  ;; spikes at list[off[k - c0] .. off[k - c0 + 1] - 1]), with n u32 cursors at $fill.
  (func (export "xSort") (param $m i32) (param $c0 i32) (param $n i32) (param $ev i32) (param $list i32) (param $off i32) (param $fill i32)
    (local $e i32) (local $a i32) (local $acc i32) (local $k i32)
    (memory.fill (local.get $off) (i32.const 0) (i32.shl (i32.add (local.get $n) (i32.const 1)) (i32.const 2)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $e) (local.get $m)))
      (local.set $a (i32.add (local.get $off) (i32.shl (i32.sub (i32.load offset=4 (i32.add (local.get $ev) (i32.shl (local.get $e) (i32.const 3)))) (local.get $c0)) (i32.const 2))))
      (i32.store offset=4 (local.get $a) (i32.add (i32.load offset=4 (local.get $a)) (i32.const 1)))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $l)))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $a (i32.add (local.get $off) (i32.shl (local.get $k) (i32.const 2))))
      (i32.store (i32.add (local.get $fill) (i32.shl (local.get $k) (i32.const 2))) (local.get $acc))
      (local.set $acc (i32.add (local.get $acc) (i32.load offset=4 (local.get $a))))
      (i32.store offset=4 (local.get $a) (local.get $acc))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l)))
    (local.set $e (i32.const 0))
    (block $d (loop $l
      (br_if $d (i32.ge_u (local.get $e) (local.get $m)))
      (local.set $a (i32.add (local.get $ev) (i32.shl (local.get $e) (i32.const 3))))
      (local.set $k (i32.add (local.get $fill) (i32.shl (i32.sub (i32.load offset=4 (local.get $a)) (local.get $c0)) (i32.const 2))))
      (i32.store (i32.add (local.get $list) (i32.shl (i32.load (local.get $k)) (i32.const 2))) (i32.load (local.get $a)))
      (i32.store (local.get $k) (i32.add (i32.load (local.get $k)) (i32.const 1)))
      (local.set $e (i32.add (local.get $e) (i32.const 1)))
      (br $l))))
)
