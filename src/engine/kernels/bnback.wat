;; TE-NAS Explorer's own WebAssembly SIMD kernel: BatchNorm's backward pass
;; (training mode, batch statistics) for K stacked cotangents at once, on the
;; NHWC layout the gradients already have (tfjs's route goes channel-major by
;; a transpose and back, and reduces by matrix products).
;;
;; Each cotangent is a block of L = M·C floats (M = B·H·W positions) laid out
;; like x̂, the normalised input, whose L floats are shared by all blocks. A
;; lane's channel is its float index mod C, so with a period Q (a multiple of
;; 4 and of C: 16 for C = 1, 2, 4, 8, 16; 24 for C = 3, 6, 12, 24; L a
;; multiple of Q) lane j of every Q-float step has the same channel.
;;
;;   bnsumsQ  per block and lane j < Q: Σ g and Σ g·x̂ over the block's steps,
;;            written as 2 rows of Q floats per block at acc
;;   bnuQ     u = g − (a + x̂·b) per float, with a and b (2 rows of Q floats
;;            per block at coef) the host's per-channel means of g and g·x̂
;;            spread over the lanes; u is written NHWC like g
;;
;; The host (src/engine/kernels/bn-backward.ts) sums the lanes of a channel
;; between the two calls. Byte addresses in the imported memory; blockBytes = L·4.
(module
  (import "env" "memory" (memory 1))
  (func (export "bnsums16")
    (param $g i32) (param $xh i32) (param $acc i32) (param $k i32) (param $blockBytes i32)
    (local $kk i32) (local $p i32) (local $x i32) (local $end i32) (local $gv v128) (local $xv v128)
    (local $s0 v128) (local $t0 v128) (local $s1 v128) (local $t1 v128) (local $s2 v128) (local $t2 v128) (local $s3 v128) (local $t3 v128)
    (block $doneK
      (loop $eachK
        (br_if $doneK (i32.ge_u (local.get $kk) (local.get $k)))
        (local.set $s0 (v128.const i32x4 0 0 0 0)) (local.set $t0 (v128.const i32x4 0 0 0 0))
        (local.set $s1 (v128.const i32x4 0 0 0 0)) (local.set $t1 (v128.const i32x4 0 0 0 0))
        (local.set $s2 (v128.const i32x4 0 0 0 0)) (local.set $t2 (v128.const i32x4 0 0 0 0))
        (local.set $s3 (v128.const i32x4 0 0 0 0)) (local.set $t3 (v128.const i32x4 0 0 0 0))
        (local.set $p (local.get $g))
        (local.set $x (local.get $xh))
        (local.set $end (i32.add (local.get $g) (local.get $blockBytes)))
        (block $doneBlock
          (loop $eachStep
            (br_if $doneBlock (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $gv (v128.load offset=0 (local.get $p)))
            (local.set $s0 (f32x4.add (local.get $s0) (local.get $gv)))
            (local.set $t0 (f32x4.add (local.get $t0) (f32x4.mul (local.get $gv) (v128.load offset=0 (local.get $x)))))
            (local.set $gv (v128.load offset=16 (local.get $p)))
            (local.set $s1 (f32x4.add (local.get $s1) (local.get $gv)))
            (local.set $t1 (f32x4.add (local.get $t1) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $x)))))
            (local.set $gv (v128.load offset=32 (local.get $p)))
            (local.set $s2 (f32x4.add (local.get $s2) (local.get $gv)))
            (local.set $t2 (f32x4.add (local.get $t2) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $x)))))
            (local.set $gv (v128.load offset=48 (local.get $p)))
            (local.set $s3 (f32x4.add (local.get $s3) (local.get $gv)))
            (local.set $t3 (f32x4.add (local.get $t3) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $x)))))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (local.set $x (i32.add (local.get $x) (i32.const 64)))
            (br $eachStep)))
        (v128.store offset=0 (local.get $acc) (local.get $s0))
        (v128.store offset=16 (local.get $acc) (local.get $s1))
        (v128.store offset=32 (local.get $acc) (local.get $s2))
        (v128.store offset=48 (local.get $acc) (local.get $s3))
        (v128.store offset=64 (local.get $acc) (local.get $t0))
        (v128.store offset=80 (local.get $acc) (local.get $t1))
        (v128.store offset=96 (local.get $acc) (local.get $t2))
        (v128.store offset=112 (local.get $acc) (local.get $t3))
        (local.set $acc (i32.add (local.get $acc) (i32.const 128)))
        (local.set $g (local.get $end))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $eachK))))

  (func (export "bnu16")
    (param $g i32) (param $xh i32) (param $u i32) (param $coef i32) (param $k i32) (param $blockBytes i32)
    (local $kk i32) (local $p i32) (local $x i32) (local $o i32) (local $end i32)
    (local $a0 v128) (local $b0 v128) (local $a1 v128) (local $b1 v128) (local $a2 v128) (local $b2 v128) (local $a3 v128) (local $b3 v128)
    (block $doneK
      (loop $eachK
        (br_if $doneK (i32.ge_u (local.get $kk) (local.get $k)))
        (local.set $a0 (v128.load offset=0 (local.get $coef))) (local.set $b0 (v128.load offset=64 (local.get $coef)))
        (local.set $a1 (v128.load offset=16 (local.get $coef))) (local.set $b1 (v128.load offset=80 (local.get $coef)))
        (local.set $a2 (v128.load offset=32 (local.get $coef))) (local.set $b2 (v128.load offset=96 (local.get $coef)))
        (local.set $a3 (v128.load offset=48 (local.get $coef))) (local.set $b3 (v128.load offset=112 (local.get $coef)))
        (local.set $p (local.get $g))
        (local.set $x (local.get $xh))
        (local.set $end (i32.add (local.get $g) (local.get $blockBytes)))
        (block $doneBlock
          (loop $eachStep
            (br_if $doneBlock (i32.ge_u (local.get $p) (local.get $end)))
            (v128.store offset=0 (local.get $u) (f32x4.sub (v128.load offset=0 (local.get $p))
              (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $x)) (local.get $b0)))))
            (v128.store offset=16 (local.get $u) (f32x4.sub (v128.load offset=16 (local.get $p))
              (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $x)) (local.get $b1)))))
            (v128.store offset=32 (local.get $u) (f32x4.sub (v128.load offset=32 (local.get $p))
              (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $x)) (local.get $b2)))))
            (v128.store offset=48 (local.get $u) (f32x4.sub (v128.load offset=48 (local.get $p))
              (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $x)) (local.get $b3)))))
            (local.set $p (i32.add (local.get $p) (i32.const 64)))
            (local.set $x (i32.add (local.get $x) (i32.const 64)))
            (local.set $u (i32.add (local.get $u) (i32.const 64)))
            (br $eachStep)))
        (local.set $coef (i32.add (local.get $coef) (i32.const 128)))
        (local.set $g (local.get $end))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $eachK))))

  (func (export "bnsums24")
    (param $g i32) (param $xh i32) (param $acc i32) (param $k i32) (param $blockBytes i32)
    (local $kk i32) (local $p i32) (local $x i32) (local $end i32) (local $gv v128) (local $xv v128)
    (local $s0 v128) (local $t0 v128) (local $s1 v128) (local $t1 v128) (local $s2 v128) (local $t2 v128) (local $s3 v128) (local $t3 v128) (local $s4 v128) (local $t4 v128) (local $s5 v128) (local $t5 v128)
    (block $doneK
      (loop $eachK
        (br_if $doneK (i32.ge_u (local.get $kk) (local.get $k)))
        (local.set $s0 (v128.const i32x4 0 0 0 0)) (local.set $t0 (v128.const i32x4 0 0 0 0))
        (local.set $s1 (v128.const i32x4 0 0 0 0)) (local.set $t1 (v128.const i32x4 0 0 0 0))
        (local.set $s2 (v128.const i32x4 0 0 0 0)) (local.set $t2 (v128.const i32x4 0 0 0 0))
        (local.set $s3 (v128.const i32x4 0 0 0 0)) (local.set $t3 (v128.const i32x4 0 0 0 0))
        (local.set $s4 (v128.const i32x4 0 0 0 0)) (local.set $t4 (v128.const i32x4 0 0 0 0))
        (local.set $s5 (v128.const i32x4 0 0 0 0)) (local.set $t5 (v128.const i32x4 0 0 0 0))
        (local.set $p (local.get $g))
        (local.set $x (local.get $xh))
        (local.set $end (i32.add (local.get $g) (local.get $blockBytes)))
        (block $doneBlock
          (loop $eachStep
            (br_if $doneBlock (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $gv (v128.load offset=0 (local.get $p)))
            (local.set $s0 (f32x4.add (local.get $s0) (local.get $gv)))
            (local.set $t0 (f32x4.add (local.get $t0) (f32x4.mul (local.get $gv) (v128.load offset=0 (local.get $x)))))
            (local.set $gv (v128.load offset=16 (local.get $p)))
            (local.set $s1 (f32x4.add (local.get $s1) (local.get $gv)))
            (local.set $t1 (f32x4.add (local.get $t1) (f32x4.mul (local.get $gv) (v128.load offset=16 (local.get $x)))))
            (local.set $gv (v128.load offset=32 (local.get $p)))
            (local.set $s2 (f32x4.add (local.get $s2) (local.get $gv)))
            (local.set $t2 (f32x4.add (local.get $t2) (f32x4.mul (local.get $gv) (v128.load offset=32 (local.get $x)))))
            (local.set $gv (v128.load offset=48 (local.get $p)))
            (local.set $s3 (f32x4.add (local.get $s3) (local.get $gv)))
            (local.set $t3 (f32x4.add (local.get $t3) (f32x4.mul (local.get $gv) (v128.load offset=48 (local.get $x)))))
            (local.set $gv (v128.load offset=64 (local.get $p)))
            (local.set $s4 (f32x4.add (local.get $s4) (local.get $gv)))
            (local.set $t4 (f32x4.add (local.get $t4) (f32x4.mul (local.get $gv) (v128.load offset=64 (local.get $x)))))
            (local.set $gv (v128.load offset=80 (local.get $p)))
            (local.set $s5 (f32x4.add (local.get $s5) (local.get $gv)))
            (local.set $t5 (f32x4.add (local.get $t5) (f32x4.mul (local.get $gv) (v128.load offset=80 (local.get $x)))))
            (local.set $p (i32.add (local.get $p) (i32.const 96)))
            (local.set $x (i32.add (local.get $x) (i32.const 96)))
            (br $eachStep)))
        (v128.store offset=0 (local.get $acc) (local.get $s0))
        (v128.store offset=16 (local.get $acc) (local.get $s1))
        (v128.store offset=32 (local.get $acc) (local.get $s2))
        (v128.store offset=48 (local.get $acc) (local.get $s3))
        (v128.store offset=64 (local.get $acc) (local.get $s4))
        (v128.store offset=80 (local.get $acc) (local.get $s5))
        (v128.store offset=96 (local.get $acc) (local.get $t0))
        (v128.store offset=112 (local.get $acc) (local.get $t1))
        (v128.store offset=128 (local.get $acc) (local.get $t2))
        (v128.store offset=144 (local.get $acc) (local.get $t3))
        (v128.store offset=160 (local.get $acc) (local.get $t4))
        (v128.store offset=176 (local.get $acc) (local.get $t5))
        (local.set $acc (i32.add (local.get $acc) (i32.const 192)))
        (local.set $g (local.get $end))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $eachK))))

  (func (export "bnu24")
    (param $g i32) (param $xh i32) (param $u i32) (param $coef i32) (param $k i32) (param $blockBytes i32)
    (local $kk i32) (local $p i32) (local $x i32) (local $o i32) (local $end i32)
    (local $a0 v128) (local $b0 v128) (local $a1 v128) (local $b1 v128) (local $a2 v128) (local $b2 v128) (local $a3 v128) (local $b3 v128) (local $a4 v128) (local $b4 v128) (local $a5 v128) (local $b5 v128)
    (block $doneK
      (loop $eachK
        (br_if $doneK (i32.ge_u (local.get $kk) (local.get $k)))
        (local.set $a0 (v128.load offset=0 (local.get $coef))) (local.set $b0 (v128.load offset=96 (local.get $coef)))
        (local.set $a1 (v128.load offset=16 (local.get $coef))) (local.set $b1 (v128.load offset=112 (local.get $coef)))
        (local.set $a2 (v128.load offset=32 (local.get $coef))) (local.set $b2 (v128.load offset=128 (local.get $coef)))
        (local.set $a3 (v128.load offset=48 (local.get $coef))) (local.set $b3 (v128.load offset=144 (local.get $coef)))
        (local.set $a4 (v128.load offset=64 (local.get $coef))) (local.set $b4 (v128.load offset=160 (local.get $coef)))
        (local.set $a5 (v128.load offset=80 (local.get $coef))) (local.set $b5 (v128.load offset=176 (local.get $coef)))
        (local.set $p (local.get $g))
        (local.set $x (local.get $xh))
        (local.set $end (i32.add (local.get $g) (local.get $blockBytes)))
        (block $doneBlock
          (loop $eachStep
            (br_if $doneBlock (i32.ge_u (local.get $p) (local.get $end)))
            (v128.store offset=0 (local.get $u) (f32x4.sub (v128.load offset=0 (local.get $p))
              (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $x)) (local.get $b0)))))
            (v128.store offset=16 (local.get $u) (f32x4.sub (v128.load offset=16 (local.get $p))
              (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $x)) (local.get $b1)))))
            (v128.store offset=32 (local.get $u) (f32x4.sub (v128.load offset=32 (local.get $p))
              (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $x)) (local.get $b2)))))
            (v128.store offset=48 (local.get $u) (f32x4.sub (v128.load offset=48 (local.get $p))
              (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $x)) (local.get $b3)))))
            (v128.store offset=64 (local.get $u) (f32x4.sub (v128.load offset=64 (local.get $p))
              (f32x4.add (local.get $a4) (f32x4.mul (v128.load offset=64 (local.get $x)) (local.get $b4)))))
            (v128.store offset=80 (local.get $u) (f32x4.sub (v128.load offset=80 (local.get $p))
              (f32x4.add (local.get $a5) (f32x4.mul (v128.load offset=80 (local.get $x)) (local.get $b5)))))
            (local.set $p (i32.add (local.get $p) (i32.const 96)))
            (local.set $x (i32.add (local.get $x) (i32.const 96)))
            (local.set $u (i32.add (local.get $u) (i32.const 96)))
            (br $eachStep)))
        (local.set $coef (i32.add (local.get $coef) (i32.const 192)))
        (local.set $g (local.get $end))
        (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
        (br $eachK)))))
