;; TE-NAS Explorer's own WebAssembly SIMD kernel: a stride-1 convolution over
;; NHWC rows, vectorised over output positions (4 lanes of a row of W·C
;; floats), for the tiny channel counts of the TE-NAS networks, where tfjs's
;; kernels (vectorised over channels) leave most lanes idle.
;;
;; A row of the output, out[n, oh, 0..R) with R = W·C, is a sum over taps t of
;; the input row in[n, oh + dy_t, ·] read at a fixed shift, lane by lane times
;; a weight row w_t[0..R):
;;
;;   out[n, oh, j] = Σ_t in[n, oh + dy_t, j + dx_t] · w_t[j]
;;
;; A depthwise conv (tap = (ky, kx), dx = (kx·d − pad)·C) and a dense conv with
;; as many input as output channels (tap = (ky, offset (kx·d − pad)·C + ci − co))
;; both have this form; the weight rows hold the filter per lane and zeros where
;; the tap falls outside the row (so a read past a row's end only ever meets a
;; zero weight). The host (src/engine/kernels/rowconv.ts) builds the tables.
;;
;; Parameters (byte addresses in the imported memory):
;;   in      the input's first row (the host leaves finite guard bytes before
;;           and after it, so shifted reads stay inside finite data)
;;   out     the output's first row
;;   wtab    the weight rows, tap after tap, R floats each
;;   taps    per tap two i32: the input byte offset (dy·R + dx)·4, relative to
;;           the output row's own position, and the weight row's byte offset
;;   ranges  per output row oh two i32: the byte addresses in `taps` of its
;;           first tap and one past its last (the taps whose input row exists)
;;   n, h    images and rows per image
;;   rowBytes  R·4; a multiple of 64 (rowconv4) or of 128 (rowconv8)
(module
  (import "env" "memory" (memory 1))

  (func (export "rowconv4")
    (param $in i32) (param $out i32) (param $wtab i32) (param $taps i32) (param $ranges i32)
    (param $n i32) (param $h i32) (param $rowBytes i32)
    (local $row i32) (local $rows i32) (local $oh i32) (local $rin i32) (local $rout i32)
    (local $t0 i32) (local $t1 i32) (local $jb i32) (local $t i32) (local $p i32) (local $wp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rows (i32.mul (local.get $n) (local.get $h)))
    (block $doneRows
      (loop $eachRow
        (br_if $doneRows (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $oh (i32.rem_u (local.get $row) (local.get $h)))
        (local.set $rin (i32.add (local.get $in) (i32.mul (local.get $row) (local.get $rowBytes))))
        (local.set $rout (i32.add (local.get $out) (i32.mul (local.get $row) (local.get $rowBytes))))
        (local.set $t0 (i32.load (i32.add (local.get $ranges) (i32.shl (local.get $oh) (i32.const 3)))))
        (local.set $t1 (i32.load offset=4 (i32.add (local.get $ranges) (i32.shl (local.get $oh) (i32.const 3)))))
        (local.set $jb (i32.const 0))
        (block $doneBlocks
          (loop $eachBlock
            (br_if $doneBlocks (i32.ge_u (local.get $jb) (local.get $rowBytes)))
            (local.set $a0 (v128.const i32x4 0 0 0 0))
            (local.set $a1 (v128.const i32x4 0 0 0 0))
            (local.set $a2 (v128.const i32x4 0 0 0 0))
            (local.set $a3 (v128.const i32x4 0 0 0 0))
            (local.set $t (local.get $t0))
            (block $doneTaps
              (loop $eachTap
                (br_if $doneTaps (i32.ge_u (local.get $t) (local.get $t1)))
                (local.set $p (i32.add (i32.add (local.get $rin) (local.get $jb)) (i32.load (local.get $t))))
                (local.set $wp (i32.add (i32.add (local.get $wtab) (local.get $jb)) (i32.load offset=4 (local.get $t))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $p)) (v128.load (local.get $wp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $wp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $wp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $p)) (v128.load offset=48 (local.get $wp)))))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br $eachTap)))
            (local.set $p (i32.add (local.get $rout) (local.get $jb)))
            (v128.store (local.get $p) (local.get $a0))
            (v128.store offset=16 (local.get $p) (local.get $a1))
            (v128.store offset=32 (local.get $p) (local.get $a2))
            (v128.store offset=48 (local.get $p) (local.get $a3))
            (local.set $jb (i32.add (local.get $jb) (i32.const 64)))
            (br $eachBlock)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRow))))

  (func (export "rowconv8")
    (param $in i32) (param $out i32) (param $wtab i32) (param $taps i32) (param $ranges i32)
    (param $n i32) (param $h i32) (param $rowBytes i32)
    (local $row i32) (local $rows i32) (local $oh i32) (local $rin i32) (local $rout i32)
    (local $t0 i32) (local $t1 i32) (local $jb i32) (local $t i32) (local $p i32) (local $wp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $a4 v128) (local $a5 v128) (local $a6 v128) (local $a7 v128)
    (local.set $rows (i32.mul (local.get $n) (local.get $h)))
    (block $doneRows
      (loop $eachRow
        (br_if $doneRows (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $oh (i32.rem_u (local.get $row) (local.get $h)))
        (local.set $rin (i32.add (local.get $in) (i32.mul (local.get $row) (local.get $rowBytes))))
        (local.set $rout (i32.add (local.get $out) (i32.mul (local.get $row) (local.get $rowBytes))))
        (local.set $t0 (i32.load (i32.add (local.get $ranges) (i32.shl (local.get $oh) (i32.const 3)))))
        (local.set $t1 (i32.load offset=4 (i32.add (local.get $ranges) (i32.shl (local.get $oh) (i32.const 3)))))
        (local.set $jb (i32.const 0))
        (block $doneBlocks
          (loop $eachBlock
            (br_if $doneBlocks (i32.ge_u (local.get $jb) (local.get $rowBytes)))
            (local.set $a0 (v128.const i32x4 0 0 0 0))
            (local.set $a1 (v128.const i32x4 0 0 0 0))
            (local.set $a2 (v128.const i32x4 0 0 0 0))
            (local.set $a3 (v128.const i32x4 0 0 0 0))
            (local.set $a4 (v128.const i32x4 0 0 0 0))
            (local.set $a5 (v128.const i32x4 0 0 0 0))
            (local.set $a6 (v128.const i32x4 0 0 0 0))
            (local.set $a7 (v128.const i32x4 0 0 0 0))
            (local.set $t (local.get $t0))
            (block $doneTaps
              (loop $eachTap
                (br_if $doneTaps (i32.ge_u (local.get $t) (local.get $t1)))
                (local.set $p (i32.add (i32.add (local.get $rin) (local.get $jb)) (i32.load (local.get $t))))
                (local.set $wp (i32.add (i32.add (local.get $wtab) (local.get $jb)) (i32.load offset=4 (local.get $t))))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $p)) (v128.load (local.get $wp)))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $wp)))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $wp)))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $p)) (v128.load offset=48 (local.get $wp)))))
                (local.set $a4 (f32x4.add (local.get $a4) (f32x4.mul (v128.load offset=64 (local.get $p)) (v128.load offset=64 (local.get $wp)))))
                (local.set $a5 (f32x4.add (local.get $a5) (f32x4.mul (v128.load offset=80 (local.get $p)) (v128.load offset=80 (local.get $wp)))))
                (local.set $a6 (f32x4.add (local.get $a6) (f32x4.mul (v128.load offset=96 (local.get $p)) (v128.load offset=96 (local.get $wp)))))
                (local.set $a7 (f32x4.add (local.get $a7) (f32x4.mul (v128.load offset=112 (local.get $p)) (v128.load offset=112 (local.get $wp)))))
                (local.set $t (i32.add (local.get $t) (i32.const 8)))
                (br $eachTap)))
            (local.set $p (i32.add (local.get $rout) (local.get $jb)))
            (v128.store (local.get $p) (local.get $a0))
            (v128.store offset=16 (local.get $p) (local.get $a1))
            (v128.store offset=32 (local.get $p) (local.get $a2))
            (v128.store offset=48 (local.get $p) (local.get $a3))
            (v128.store offset=64 (local.get $p) (local.get $a4))
            (v128.store offset=80 (local.get $p) (local.get $a5))
            (v128.store offset=96 (local.get $p) (local.get $a6))
            (v128.store offset=112 (local.get $p) (local.get $a7))
            (local.set $jb (i32.add (local.get $jb) (i32.const 128)))
            (br $eachBlock)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $eachRow)))))
