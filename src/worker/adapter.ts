/** Asks the browser for a WebGPU adapter and reports what it is, without creating a device. */
import type { AdapterReport } from './protocol';

const none = (webgpu: boolean, problem: string): AdapterReport => ({
  webgpu,
  found: false,
  vendor: '',
  architecture: '',
  description: '',
  fallback: false,
  problem,
});

/** True for SwiftShader or any adapter flagged as a fallback (software) adapter. */
export function isSoftware(info: { vendor: string; architecture: string; description: string }, flagged: boolean): boolean {
  const text = `${info.vendor} ${info.architecture} ${info.description}`.toLowerCase();
  return flagged || text.includes('swiftshader');
}

export async function probeAdapter(): Promise<AdapterReport> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return none(false, 'this browser does not offer WebGPU (navigator.gpu is missing)');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return none(true, `requestAdapter failed (${String(err)})`);
  }
  if (!adapter) return none(true, 'WebGPU is offered but no adapter is available');
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const vendor = info?.vendor ?? '';
  const architecture = info?.architecture ?? '';
  const description = info?.description ?? '';
  const infoFlag = (info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined)?.isFallbackAdapter;
  const oldFlag = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const fallback = isSoftware({ vendor, architecture, description }, infoFlag === true || oldFlag === true);
  return { webgpu: true, found: true, vendor, architecture, description, fallback };
}
