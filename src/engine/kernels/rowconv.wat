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
;;   rowBytes  R·4; a multiple of 64
(module
  (import "env" "memory" (memory 1))

  ;; Two output rows of an image at once where both have the same taps (every
  ;; row but the first and last few): a tap's weight vectors are loaded once
  ;; for both rows (12 loads per 8 products instead of 16; 1.3–1.5× faster
  ;; than one row at a time, bench/kernels.ts). Other rows one at a time.
  ;; 4 vectors (16 floats) of a row per step.
  (func (export "rowconv")
    (param $in i32) (param $out i32) (param $wtab i32) (param $taps i32) (param $ranges i32)
    (param $n i32) (param $h i32) (param $rowBytes i32)
    (local $row i32) (local $rows i32) (local $oh i32) (local $rin i32) (local $rout i32)
    (local $t0 i32) (local $t1 i32) (local $jb i32) (local $t i32) (local $p i32) (local $wp i32)
    (local $p2 i32) (local $r i32) (local $pair i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $w v128)
    (local.set $rows (i32.mul (local.get $n) (local.get $h)))
    (block $doneRows
      (loop $eachRow
        (br_if $doneRows (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $oh (i32.rem_u (local.get $row) (local.get $h)))
        (local.set $r (i32.add (local.get $ranges) (i32.shl (local.get $oh) (i32.const 3))))
        (local.set $t0 (i32.load (local.get $r)))
        (local.set $t1 (i32.load offset=4 (local.get $r)))
        ;; a pair: the next row is in this image and has the same taps
        (local.set $pair
          (i32.and
            (i32.lt_u (i32.add (local.get $oh) (i32.const 1)) (local.get $h))
            (i32.and
              (i32.eq (i32.load offset=8 (local.get $r)) (local.get $t0))
              (i32.eq (i32.load offset=12 (local.get $r)) (local.get $t1)))))
        (local.set $rin (i32.add (local.get $in) (i32.mul (local.get $row) (local.get $rowBytes))))
        (local.set $rout (i32.add (local.get $out) (i32.mul (local.get $row) (local.get $rowBytes))))
        (if (local.get $pair)
          (then
          (local.set $jb (i32.const 0))
          (block $doneBlocksP
            (loop $eachBlockP
              (br_if $doneBlocksP (i32.ge_u (local.get $jb) (local.get $rowBytes)))
              (local.set $a0 (v128.const i32x4 0 0 0 0))
              (local.set $b0 (v128.const i32x4 0 0 0 0))
              (local.set $a1 (v128.const i32x4 0 0 0 0))
              (local.set $b1 (v128.const i32x4 0 0 0 0))
              (local.set $a2 (v128.const i32x4 0 0 0 0))
              (local.set $b2 (v128.const i32x4 0 0 0 0))
              (local.set $a3 (v128.const i32x4 0 0 0 0))
              (local.set $b3 (v128.const i32x4 0 0 0 0))
              (local.set $t (local.get $t0))
              (block $doneTapsP
                (loop $eachTapP
                  (br_if $doneTapsP (i32.ge_u (local.get $t) (local.get $t1)))
                  (local.set $p (i32.add (i32.add (local.get $rin) (local.get $jb)) (i32.load (local.get $t))))
                  (local.set $wp (i32.add (i32.add (local.get $wtab) (local.get $jb)) (i32.load offset=4 (local.get $t))))
                  (local.set $p2 (i32.add (local.get $p) (local.get $rowBytes)))
                  (local.set $w (v128.load offset=0 (local.get $wp)))
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $p)) (local.get $w))))
                  (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (v128.load offset=0 (local.get $p2)) (local.get $w))))
                  (local.set $w (v128.load offset=16 (local.get $wp)))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (local.get $w))))
                  (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (v128.load offset=16 (local.get $p2)) (local.get $w))))
                  (local.set $w (v128.load offset=32 (local.get $wp)))
                  (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $p)) (local.get $w))))
                  (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (v128.load offset=32 (local.get $p2)) (local.get $w))))
                  (local.set $w (v128.load offset=48 (local.get $wp)))
                  (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $p)) (local.get $w))))
                  (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (v128.load offset=48 (local.get $p2)) (local.get $w))))
                  (local.set $t (i32.add (local.get $t) (i32.const 8)))
                  (br $eachTapP)))
              (local.set $p (i32.add (local.get $rout) (local.get $jb)))
              (v128.store offset=0 (local.get $p) (local.get $a0))
              (v128.store offset=16 (local.get $p) (local.get $a1))
              (v128.store offset=32 (local.get $p) (local.get $a2))
              (v128.store offset=48 (local.get $p) (local.get $a3))
              (local.set $p2 (i32.add (local.get $p) (local.get $rowBytes)))
              (v128.store offset=0 (local.get $p2) (local.get $b0))
              (v128.store offset=16 (local.get $p2) (local.get $b1))
              (v128.store offset=32 (local.get $p2) (local.get $b2))
              (v128.store offset=48 (local.get $p2) (local.get $b3))
              (local.set $jb (i32.add (local.get $jb) (i32.const 64)))
              (br $eachBlockP)))
          )
          (else
          (local.set $jb (i32.const 0))
          (block $doneBlocksS
            (loop $eachBlockS
              (br_if $doneBlocksS (i32.ge_u (local.get $jb) (local.get $rowBytes)))
              (local.set $a0 (v128.const i32x4 0 0 0 0))
              (local.set $a1 (v128.const i32x4 0 0 0 0))
              (local.set $a2 (v128.const i32x4 0 0 0 0))
              (local.set $a3 (v128.const i32x4 0 0 0 0))
              (local.set $t (local.get $t0))
              (block $doneTapsS
                (loop $eachTapS
                  (br_if $doneTapsS (i32.ge_u (local.get $t) (local.get $t1)))
                  (local.set $p (i32.add (i32.add (local.get $rin) (local.get $jb)) (i32.load (local.get $t))))
                  (local.set $wp (i32.add (i32.add (local.get $wtab) (local.get $jb)) (i32.load offset=4 (local.get $t))))
                  (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load offset=0 (local.get $p)) (v128.load offset=0 (local.get $wp)))))
                  (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $wp)))))
                  (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $wp)))))
                  (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $p)) (v128.load offset=48 (local.get $wp)))))
                  (local.set $t (i32.add (local.get $t) (i32.const 8)))
                  (br $eachTapS)))
              (local.set $p (i32.add (local.get $rout) (local.get $jb)))
              (v128.store offset=0 (local.get $p) (local.get $a0))
              (v128.store offset=16 (local.get $p) (local.get $a1))
              (v128.store offset=32 (local.get $p) (local.get $a2))
              (v128.store offset=48 (local.get $p) (local.get $a3))
              (local.set $jb (i32.add (local.get $jb) (i32.const 64)))
              (br $eachBlockS)))
          ))
        (local.set $row (i32.add (local.get $row) (i32.add (i32.const 1) (local.get $pair))))
        (br $eachRow)))))
