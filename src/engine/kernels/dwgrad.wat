;; TE-NAS Explorer's own WebAssembly SIMD kernel: the weight gradient of a
;; depthwise convolution (the DARTS space's sep_conv and dil_conv) for K
;; cotangents at once, vectorised over output positions.
;;
;; For cotangent r, tap t and channel c:
;;
;;   dW[r, t, c] = Σ_{b, oy, ox} g[r·B + b, oy, ox, c] · x[b, s·oy + d·ky, s·ox + d·kx, c]
;;
;; with x padded (PyTorch's symmetric padding) by the host. A row of g,
;; g[r·B + b, oy, ·], is R = Wo·C floats; the x values a tap meets along that
;; row are R contiguous floats of a row of the host's buffer (for stride 2 the
;; host splits x's columns into even and odd phases, so they are contiguous
;; there too). So every (row, tap) is a dot product of two float runs, summed
;; lane by lane: lane j of an accumulator holds the channel j mod C (C divides
;; 4), and the host folds the 4 lanes into channels.
;;
;; Two cotangents at once: a block of 16 floats of both g rows stays in 8
;; registers while every tap's x block is loaded once for both (4 loads per 8
;; products).
;;
;; Parameters (byte addresses in the imported memory):
;;   g        the output gradients [K·B, Ho, Wo, C] (NHWC, the tensor itself)
;;   x        the host's padded (phase-split) input, image after image
;;   acc      K · ntaps accumulators of one v128 each (zeroed by the host)
;;   taps     per tap one i32: the byte offset of its x run from the row's base
;;   k        cotangents K;  b  images B;  ho  output rows
;;   rowBytes R·4, a multiple of 64
;;   ntaps    taps (k·k)
;;   imgBytes bytes per image of x;  rowStep  bytes of x per output row (s rows)
;;   spare    ntaps scratch accumulators (the second row of an odd K's last pair)
(module
  (import "env" "memory" (memory 1))

  (func (export "dwgrad")
    (param $g i32) (param $x i32) (param $acc i32) (param $taps i32)
    (param $k i32) (param $b i32) (param $ho i32) (param $rowBytes i32)
    (param $ntaps i32) (param $imgBytes i32) (param $rowStep i32) (param $spare i32)
    (local $r i32) (local $img i32) (local $oy i32) (local $jb i32)
    (local $g0 i32) (local $g1 i32) (local $acc0 i32) (local $acc1 i32)
    (local $xr i32) (local $p i32) (local $t i32) (local $tEnd i32)
    (local $a0 i32) (local $a1 i32) (local $cotBytes i32) (local $accBytes i32)
    (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $s0 v128) (local $s1 v128) (local $xv v128)
    ;; bytes of g per cotangent (B·Ho rows) and of a cotangent's accumulators
    (local.set $cotBytes (i32.mul (i32.mul (local.get $b) (local.get $ho)) (local.get $rowBytes)))
    (local.set $accBytes (i32.shl (local.get $ntaps) (i32.const 4)))
    (local.set $tEnd (i32.add (local.get $taps) (i32.shl (local.get $ntaps) (i32.const 2))))
    (block $doneR
      (loop $eachR
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $k)))
        (local.set $acc0 (i32.add (local.get $acc) (i32.mul (local.get $r) (local.get $accBytes))))
        (local.set $g0 (i32.add (local.get $g) (i32.mul (local.get $r) (local.get $cotBytes))))
        (if (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $k))
          (then
            (local.set $acc1 (i32.add (local.get $acc0) (local.get $accBytes)))
            (local.set $g1 (i32.add (local.get $g0) (local.get $cotBytes))))
          (else
            (local.set $acc1 (local.get $spare))
            (local.set $g1 (local.get $g0))))
        (local.set $img (i32.const 0))
        (block $doneImg
          (loop $eachImg
            (br_if $doneImg (i32.ge_u (local.get $img) (local.get $b)))
            (local.set $oy (i32.const 0))
            (block $doneOy
              (loop $eachOy
                (br_if $doneOy (i32.ge_u (local.get $oy) (local.get $ho)))
                (local.set $xr
                  (i32.add (local.get $x)
                    (i32.add (i32.mul (local.get $img) (local.get $imgBytes)) (i32.mul (local.get $oy) (local.get $rowStep)))))
                (local.set $jb (i32.const 0))
                (block $doneJ
                  (loop $eachJ
                    (br_if $doneJ (i32.ge_u (local.get $jb) (local.get $rowBytes)))
                    (local.set $u0 (v128.load offset=0 (local.get $g0)))
                    (local.set $u1 (v128.load offset=16 (local.get $g0)))
                    (local.set $u2 (v128.load offset=32 (local.get $g0)))
                    (local.set $u3 (v128.load offset=48 (local.get $g0)))
                    (local.set $v0 (v128.load offset=0 (local.get $g1)))
                    (local.set $v1 (v128.load offset=16 (local.get $g1)))
                    (local.set $v2 (v128.load offset=32 (local.get $g1)))
                    (local.set $v3 (v128.load offset=48 (local.get $g1)))
                    (local.set $t (local.get $taps))
                    (local.set $a0 (local.get $acc0))
                    (local.set $a1 (local.get $acc1))
                    (block $doneT
                      (loop $eachT
                        (br_if $doneT (i32.ge_u (local.get $t) (local.get $tEnd)))
                        (local.set $p (i32.add (i32.add (local.get $xr) (local.get $jb)) (i32.load (local.get $t))))
                        (local.set $xv (v128.load offset=0 (local.get $p)))
                        (local.set $s0 (f32x4.mul (local.get $u0) (local.get $xv)))
                        (local.set $s1 (f32x4.mul (local.get $v0) (local.get $xv)))
                        (local.set $xv (v128.load offset=16 (local.get $p)))
                        (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $u1) (local.get $xv))))
                        (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $v1) (local.get $xv))))
                        (local.set $xv (v128.load offset=32 (local.get $p)))
                        (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $u2) (local.get $xv))))
                        (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $v2) (local.get $xv))))
                        (local.set $xv (v128.load offset=48 (local.get $p)))
                        (local.set $s0 (f32x4.add (local.get $s0) (f32x4.mul (local.get $u3) (local.get $xv))))
                        (local.set $s1 (f32x4.add (local.get $s1) (f32x4.mul (local.get $v3) (local.get $xv))))
                        (v128.store (local.get $a0) (f32x4.add (v128.load (local.get $a0)) (local.get $s0)))
                        (v128.store (local.get $a1) (f32x4.add (v128.load (local.get $a1)) (local.get $s1)))
                        (local.set $a0 (i32.add (local.get $a0) (i32.const 16)))
                        (local.set $a1 (i32.add (local.get $a1) (i32.const 16)))
                        (local.set $t (i32.add (local.get $t) (i32.const 4)))
                        (br $eachT)))
                    (local.set $g0 (i32.add (local.get $g0) (i32.const 64)))
                    (local.set $g1 (i32.add (local.get $g1) (i32.const 64)))
                    (local.set $jb (i32.add (local.get $jb) (i32.const 64)))
                    (br $eachJ)))
                (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
                (br $eachOy)))
            (local.set $img (i32.add (local.get $img) (i32.const 1)))
            (br $eachImg)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $eachR)))))
