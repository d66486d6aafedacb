/**
 * panorama-viewer.ts — a small 360° viewer for equirectangular panoramas (WebGL2, no dependencies, ~6 kB built).
 * Made for the hall pictures `/halls/{exhibition}/stops/{n}.jpg` (4096×2048, rendered by immersive/Rendering) on
 * phones and cardboard viewers; any 2:1 equirectangular JPEG works.
 *
 *   import { createPanoramaViewer, panoramaSupported } from './panorama-viewer';
 *   if (panoramaSupported()) {
 *     const viewer = createPanoramaViewer(canvas, { fov: 75 });  // the canvas keeps its CSS size; the viewer sizes its buffer
 *     await viewer.show(url);          // resolves once drawn; rejects when the picture cannot be loaded
 *     viewer.look(yaw, pitch);         // degrees; yaw 0 = the picture's centre column (the stop's view direction)
 *     viewer.view;                     // { yaw, pitch, fov } now
 *     viewer.setCardboard(true);       // two side-by-side views for a cardboard viewer (the picture is mono)
 *     await viewer.enableMotion();     // look by turning the phone; false when there is no gyroscope or it was refused
 *     viewer.disableMotion();
 *     viewer.destroy();                // stops listening, frees the texture
 *   }
 *
 * Conventions (as the renderer's, immersive/Rendering/README.md): yaw grows turning left, pitch + looks up, the field
 * of view is vertical (30–100°). The picture's longitude grows to the right and its left and right edges meet behind
 * the viewer; the shader wraps them with matched derivatives, so no seam line shows there.
 * Input on the canvas: drag (mouse, touch, pen) to look, wheel or two-finger pinch to zoom, arrow keys to turn and
 * + / − to zoom when it has focus (give it tabindex="0"). The canvas's data-state says "loading", "ready" or "error";
 * data-yaw / data-pitch carry the view (for tests and for a page that wants to keep it).
 */

export interface PanoramaView {
  yaw: number;
  pitch: number;
  fov: number;
}

export interface PanoramaViewer {
  show(url: string): Promise<void>;
  look(yaw: number, pitch?: number): void;
  readonly view: PanoramaView;
  setCardboard(on: boolean): void;
  enableMotion(): Promise<boolean>;
  disableMotion(): void;
  destroy(): void;
}

/** Whether this browser can show panoramas (WebGL2). Without it, link the JPEG itself. */
export function panoramaSupported(): boolean {
  try {
    return !!document.createElement('canvas').getContext('webgl2');
  } catch {
    return false;
  }
}

const VERTEX = `#version 300 es
in vec2 a_position;
out vec2 v_ndc;
void main() { v_ndc = a_position; gl_Position = vec4(a_position, 0.0, 1.0); }`;

// Each pixel's ray is turned into longitude/latitude; the u derivative is wrapped to [-0.5, 0.5] so the mip level
// is the same on both sides of the picture's edge (a plain texture() would pick the smallest mip along that column).
const FRAGMENT = `#version 300 es
precision highp float;
uniform sampler2D u_picture;
uniform mat3 u_turn;
uniform vec2 u_tan;
in vec2 v_ndc;
out vec4 colour;
const float PI = 3.14159265358979;
void main() {
  vec3 d = normalize(u_turn * vec3(v_ndc.x * u_tan.x, v_ndc.y * u_tan.y, -1.0));
  vec2 uv = vec2(atan(d.x, -d.z) / (2.0 * PI) + 0.5, 0.5 - asin(clamp(d.y, -1.0, 1.0)) / PI);
  vec2 dx = dFdx(uv), dy = dFdy(uv);
  dx.x -= floor(dx.x + 0.5);
  dy.x -= floor(dy.x + 0.5);
  colour = textureGrad(u_picture, uv, dx, dy);
}`;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const rad = Math.PI / 180;

export function createPanoramaViewer(canvas: HTMLCanvasElement, initial: Partial<PanoramaView> = {}): PanoramaViewer {
  const gl = canvas.getContext('webgl2', { antialias: false, alpha: false });
  if (!gl) throw new Error('WebGL2 is not available');
  const program = link(gl, VERTEX, FRAGMENT);
  const buffer = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const where = gl.getAttribLocation(program, 'a_position');
  gl.enableVertexAttribArray(where);
  gl.vertexAttribPointer(where, 2, gl.FLOAT, false, 0, 0);
  const uTurn = gl.getUniformLocation(program, 'u_turn');
  const uTan = gl.getUniformLocation(program, 'u_tan');
  let texture: WebGLTexture | null = null;

  const view: PanoramaView = { yaw: initial.yaw ?? 0, pitch: initial.pitch ?? 0, fov: clamp(initial.fov ?? 75, 30, 100) };
  let cardboard = false;
  let motion: { listener: (e: DeviceOrientationEvent) => void; offset: number | null; turn: number[] | null } | null = null;
  let frame = 0;
  let destroyed = false;
  let showing = 0;

  const draw = () => {
    frame = 0;
    if (destroyed || !texture) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const w = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const h = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    gl.useProgram(program);
    const turn = motion?.turn ?? turnOf(view.yaw, view.pitch);
    gl.uniformMatrix3fv(uTurn, false, turn);
    const eyes = cardboard ? 2 : 1;
    const eyeWidth = Math.floor(w / eyes);
    const tanY = Math.tan((view.fov * rad) / 2);
    gl.uniform2f(uTan, (tanY * eyeWidth) / h, tanY);
    for (let eye = 0; eye < eyes; eye++) {
      gl.viewport(eye * eyeWidth, 0, eyeWidth, h);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    }
    canvas.dataset.yaw = view.yaw.toFixed(1);
    canvas.dataset.pitch = view.pitch.toFixed(1);
    if (motion) request();
  };
  const request = () => {
    if (!frame && !destroyed) frame = requestAnimationFrame(draw);
  };

  const look = (yaw: number, pitch = view.pitch) => {
    view.yaw = ((((yaw + 180) % 360) + 360) % 360) - 180;
    view.pitch = clamp(pitch, -89, 89);
    request();
  };
  const zoom = (factor: number) => {
    view.fov = clamp(view.fov * factor, 30, 100);
    request();
  };

  // Drag to look (the picture follows the finger), pinch or wheel to zoom.
  const pointers = new Map<number, { x: number; y: number }>();
  let pinch = 0;
  const onDown = (e: PointerEvent) => {
    canvas.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2) pinch = spread();
  };
  const onMove = (e: PointerEvent) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    if (pointers.size === 1) {
      const degreesPerPixel = view.fov / Math.max(1, canvas.clientHeight);
      look(view.yaw + (e.clientX - last.x) * degreesPerPixel, view.pitch + (e.clientY - last.y) * degreesPerPixel);
    }
    last.x = e.clientX;
    last.y = e.clientY;
    if (pointers.size === 2 && pinch > 0) {
      const now = spread();
      if (now > 0) zoom(pinch / now);
      pinch = now;
    }
  };
  const onUp = (e: PointerEvent) => {
    pointers.delete(e.pointerId);
    pinch = 0;
  };
  const spread = () => {
    const [a, b] = [...pointers.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    zoom(Math.exp(e.deltaY * 0.001));
  };
  const onKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 30 : 5;
    if (e.key === 'ArrowLeft') look(view.yaw + step);
    else if (e.key === 'ArrowRight') look(view.yaw - step);
    else if (e.key === 'ArrowUp') look(view.yaw, view.pitch + step);
    else if (e.key === 'ArrowDown') look(view.yaw, view.pitch - step);
    else if (e.key === '+' || e.key === '=') zoom(0.9);
    else if (e.key === '-' || e.key === '_') zoom(1 / 0.9);
    else return;
    e.preventDefault();
  };
  const resized = new ResizeObserver(request);
  resized.observe(canvas);
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);
  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('keydown', onKey);
  canvas.style.touchAction = 'none';

  return {
    get view() {
      return { ...view };
    },
    look,
    async show(url: string) {
      const mine = ++showing;
      canvas.dataset.state = 'loading';
      const picture = new Image();
      picture.decoding = 'async';
      picture.src = url;
      try {
        await picture.decode();
      } catch (e) {
        if (mine === showing) canvas.dataset.state = 'error';
        throw e;
      }
      if (mine !== showing || destroyed) return;
      const max = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
      let source: TexImageSource = picture;
      if (picture.naturalWidth > max) {
        // Older phones: shrink to what the GPU takes (the picture is 2:1).
        const small = document.createElement('canvas');
        small.width = max;
        small.height = max / 2;
        small.getContext('2d')!.drawImage(picture, 0, 0, small.width, small.height);
        source = small;
      }
      if (texture) gl.deleteTexture(texture);
      texture = gl.createTexture();
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.pixelStorei(gl.UNPACK_FLIP_Y_WEBGL, false);
      // The JPEG's sRGB bytes go to the canvas as they are (filtered as stored, like an <img>).
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA8, gl.RGBA, gl.UNSIGNED_BYTE, source);
      gl.generateMipmap(gl.TEXTURE_2D);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.REPEAT);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR_MIPMAP_LINEAR);
      gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
      draw();
      canvas.dataset.state = 'ready';
    },
    setCardboard(on: boolean) {
      cardboard = on;
      request();
    },
    async enableMotion() {
      if (motion) return true;
      if (typeof DeviceOrientationEvent === 'undefined') return false;
      // iOS asks the visitor first, and only from a click.
      const ask = (DeviceOrientationEvent as unknown as { requestPermission?: () => Promise<string> }).requestPermission;
      if (ask && (await ask().catch(() => 'denied')) !== 'granted') return false;
      const state = {
        offset: null as number | null,
        turn: null as number[] | null,
        listener: (e: DeviceOrientationEvent) => {
          if (e.alpha === null || e.beta === null || e.gamma === null) return;
          // The heading the phone has when motion starts is the yaw the visitor was looking at.
          state.offset ??= view.yaw - e.alpha;
          state.turn = deviceTurn(e.alpha + state.offset, e.beta, e.gamma, screenAngle());
          request();
        },
      };
      motion = state;
      window.addEventListener('deviceorientation', state.listener);
      return true;
    },
    disableMotion() {
      if (!motion) return;
      window.removeEventListener('deviceorientation', motion.listener);
      motion = null;
      request();
    },
    destroy() {
      destroyed = true;
      this.disableMotion();
      resized.disconnect();
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
      canvas.removeEventListener('wheel', onWheel);
      canvas.removeEventListener('keydown', onKey);
      if (frame) cancelAnimationFrame(frame);
      if (texture) gl.deleteTexture(texture);
      gl.deleteBuffer(buffer);
      gl.deleteProgram(program);
    },
  };
}

/** Camera → world turn (column-major 3×3) for yaw about +y, then pitch about the camera's x. */
function turnOf(yaw: number, pitch: number): number[] {
  const cy = Math.cos(yaw * rad), sy = Math.sin(yaw * rad), cp = Math.cos(pitch * rad), sp = Math.sin(pitch * rad);
  // Ry(yaw) · Rx(pitch): columns are the camera's x, y and z axes in the world.
  return [cy, 0, -sy, sy * sp, cp, cy * sp, sy * cp, -sp, cy * cp];
}

/** The phone's turn from deviceorientation (the W3C Z-X'-Y'' angles), as a camera looking out of the screen. */
function deviceTurn(alpha: number, beta: number, gamma: number, screen: number): number[] {
  // Same steps as three.js's DeviceOrientationControls: euler YXZ (beta, alpha, −gamma), −90° about x (the camera
  // looks out of the back of the phone, not up from its screen), then the screen's own rotation about z.
  const q = quatFromEulerYXZ(beta * rad, alpha * rad, -gamma * rad);
  const back = [-Math.SQRT1_2, 0, 0, Math.SQRT1_2];
  let r = mulQ(q, back);
  r = mulQ(r, [0, 0, Math.sin((-screen * rad) / 2), Math.cos((-screen * rad) / 2)]);
  return matFromQ(r);
}

function screenAngle(): number {
  return screen.orientation?.angle ?? 0;
}

function quatFromEulerYXZ(x: number, y: number, z: number): number[] {
  const c1 = Math.cos(x / 2), c2 = Math.cos(y / 2), c3 = Math.cos(z / 2);
  const s1 = Math.sin(x / 2), s2 = Math.sin(y / 2), s3 = Math.sin(z / 2);
  return [
    s1 * c2 * c3 + c1 * s2 * s3,
    c1 * s2 * c3 - s1 * c2 * s3,
    c1 * c2 * s3 - s1 * s2 * c3,
    c1 * c2 * c3 + s1 * s2 * s3,
  ];
}

function mulQ(a: number[], b: number[]): number[] {
  const [ax, ay, az, aw] = a as [number, number, number, number];
  const [bx, by, bz, bw] = b as [number, number, number, number];
  return [
    ax * bw + aw * bx + ay * bz - az * by,
    ay * bw + aw * by + az * bx - ax * bz,
    az * bw + aw * bz + ax * by - ay * bx,
    aw * bw - ax * bx - ay * by - az * bz,
  ];
}

function matFromQ(q: number[]): number[] {
  const [x, y, z, w] = q as [number, number, number, number];
  return [
    1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w),
    2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w),
    2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y),
  ];
}

function link(gl: WebGL2RenderingContext, vertex: string, fragment: string): WebGLProgram {
  const program = gl.createProgram()!;
  for (const [type, source] of [[gl.VERTEX_SHADER, vertex], [gl.FRAGMENT_SHADER, fragment]] as const) {
    const shader = gl.createShader(type)!;
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(shader) ?? 'shader');
    gl.attachShader(program, shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program) ?? 'link');
  return program;
}
