;; TE-NAS Explorer's own WebAssembly SIMD kernel: tfjs's FusedBatchNorm
;; (channels last), bit for bit, 4 values at a time. tfjs-backend-wasm 4.22's
;; compiled kernel computes, per value of channel c,
;;
;;   out = f32( f64(offset[c]) + f64(f32((x − mean[c]) · scale[c])) / f64(norm[c]) )
;;
;; with norm[c] = f32 √(variance[c] + ε): the subtraction and product in
;; float32, the division and sum in float64, one rounding to float32 at the
;; store. Here the same, as f32x4 then two f64x2 halves.
;;
;; Channels repeat along the data with period C; lane j of a vector holds
;; channel j mod C only over a period of P = lcm(C, 4) floats, so the host's
;; table holds P/4 entries of 96 bytes, one per vector of the period:
;;   +0 mean (f32x4)  +16 scale (f32x4)  +32 norm lanes 0–1 (f64x2)
;;   +48 norm lanes 2–3  +64 offset lanes 0–1 (f64x2)  +80 offset lanes 2–3
;;
;; Parameters (byte addresses in the imported memory): x, out, the table, the
;; data's bytes (a multiple of 16), the table's bytes.
(module
  (import "env" "memory" (memory 1))

  (func (export "bnfwd")
    (param $x i32) (param $out i32) (param $tab i32) (param $bytes i32) (param $tabBytes i32)
    (local $i i32) (local $t i32) (local $tEnd i32) (local $v v128) (local $lo v128) (local $hi v128)
    (local.set $t (local.get $tab))
    (local.set $tEnd (i32.add (local.get $tab) (local.get $tabBytes)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $v
          (f32x4.mul
            (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $i))) (v128.load offset=0 (local.get $t)))
            (v128.load offset=16 (local.get $t))))
        (local.set $lo
          (f64x2.add
            (f64x2.div (f64x2.promote_low_f32x4 (local.get $v)) (v128.load offset=32 (local.get $t)))
            (v128.load offset=64 (local.get $t))))
        (local.set $hi
          (f64x2.add
            (f64x2.div
              (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))
              (v128.load offset=48 (local.get $t)))
            (v128.load offset=80 (local.get $t))))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
            (f32x4.demote_f64x2_zero (local.get $lo))
            (f32x4.demote_f64x2_zero (local.get $hi))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (local.set $t (i32.add (local.get $t) (i32.const 96)))
        (if (i32.ge_u (local.get $t) (local.get $tEnd)) (then (local.set $t (local.get $tab))))
        (br $each)))))
