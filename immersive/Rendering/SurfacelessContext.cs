using System.Runtime.InteropServices;
using Silk.NET.OpenGL;

namespace QyHeritage.Immersive.Rendering;

/// <summary>
/// An OpenGL 3.3 core context on Mesa's surfaceless EGL platform: no window, no X server; pictures are
/// drawn into framebuffer objects and read back. On machines without a GPU Mesa answers with llvmpipe.
/// The context is made current only for the duration of a <see cref="Use"/> scope, so any thread may
/// render (one at a time).
/// </summary>
public sealed class SurfacelessContext : IDisposable
{
    const int EGL_NONE = 0x3038;
    const int EGL_EXTENSIONS = 0x3055;
    const int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;
    const int EGL_SURFACE_TYPE = 0x3033;
    const int EGL_PBUFFER_BIT = 0x0001;
    const int EGL_RENDERABLE_TYPE = 0x3040;
    const int EGL_OPENGL_BIT = 0x0008;
    const int EGL_RED_SIZE = 0x3024, EGL_GREEN_SIZE = 0x3023, EGL_BLUE_SIZE = 0x3022, EGL_ALPHA_SIZE = 0x3021;
    const int EGL_OPENGL_API = 0x30A2;
    const int EGL_CONTEXT_MAJOR_VERSION = 0x3098, EGL_CONTEXT_MINOR_VERSION = 0x30FB;
    const int EGL_CONTEXT_OPENGL_PROFILE_MASK = 0x30FD, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT = 0x1;

    static readonly object DisplayGate = new();
    static nint sharedDisplay;

    readonly object gate = new();
    readonly nint display;
    nint context;

    SurfacelessContext(nint display, nint context)
    {
        this.display = display;
        this.context = context;
        using (Use())
        {
            Gl = GL.GetApi(name => Native.eglGetProcAddress(name));
            Renderer = Gl.GetStringS(StringName.Renderer) ?? "unknown";
            Version = Gl.GetStringS(StringName.Version) ?? "unknown";
        }
    }

    /// <summary>The GL entry points; valid only inside a <see cref="Use"/> scope.</summary>
    public GL Gl { get; }

    /// <summary>GL_RENDERER, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string Renderer { get; }

    /// <summary>GL_VERSION as the driver reports it.</summary>
    public string Version { get; }

    /// <summary>Creates a context, or throws <see cref="RendererUnavailableException"/> saying what is missing.</summary>
    public static SurfacelessContext Create()
    {
        nint display = OpenDisplay();
        Span<int> configAttributes =
        [
            EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
            EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_NONE,
        ];
        nint config;
        int count;
        unsafe
        {
            fixed (int* attributes = configAttributes)
            {
                if (Native.eglChooseConfig(display, attributes, &config, 1, &count) == 0 || count < 1)
                    throw new RendererUnavailableException($"eglChooseConfig found no RGBA8 OpenGL config (EGL error 0x{Native.eglGetError():X}).");
            }
        }
        if (Native.eglBindAPI(EGL_OPENGL_API) == 0)
            throw new RendererUnavailableException($"eglBindAPI(EGL_OPENGL_API) failed (EGL error 0x{Native.eglGetError():X}).");
        Span<int> contextAttributes =
        [
            EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
            EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE,
        ];
        nint context;
        unsafe
        {
            fixed (int* attributes = contextAttributes)
                context = Native.eglCreateContext(display, config, 0, attributes);
        }
        if (context == 0)
            throw new RendererUnavailableException($"eglCreateContext for OpenGL 3.3 core failed (EGL error 0x{Native.eglGetError():X}).");
        return new SurfacelessContext(display, context);
    }

    static nint OpenDisplay()
    {
        lock (DisplayGate)
        {
            if (sharedDisplay != 0)
                return sharedDisplay;
            string extensions;
            try
            {
                extensions = Marshal.PtrToStringAnsi(Native.eglQueryString(0, EGL_EXTENSIONS)) ?? "";
            }
            catch (DllNotFoundException e)
            {
                throw new RendererUnavailableException("libEGL.so.1 is not installed (Debian: libegl1 libegl-mesa0 libgl1-mesa-dri).", e);
            }
            if (!extensions.Contains("EGL_MESA_platform_surfaceless", StringComparison.Ordinal))
                throw new RendererUnavailableException("EGL has no EGL_MESA_platform_surfaceless (Debian: libegl-mesa0).");
            nint getPlatformDisplay = Native.eglGetProcAddress("eglGetPlatformDisplayEXT");
            if (getPlatformDisplay == 0)
                throw new RendererUnavailableException("EGL has no eglGetPlatformDisplayEXT.");
            nint display;
            unsafe
            {
                var get = (delegate* unmanaged<int, nint, int*, nint>)getPlatformDisplay;
                display = get(EGL_PLATFORM_SURFACELESS_MESA, 0, null);
            }
            if (display == 0)
                throw new RendererUnavailableException($"eglGetPlatformDisplayEXT(surfaceless) failed (EGL error 0x{Native.eglGetError():X}).");
            int major, minor;
            unsafe
            {
                if (Native.eglInitialize(display, &major, &minor) == 0)
                    throw new RendererUnavailableException($"eglInitialize failed (EGL error 0x{Native.eglGetError():X}).");
            }
            // The display stays initialised for the life of the process: contexts come and go on it.
            sharedDisplay = display;
            return display;
        }
    }

    /// <summary>Makes the context current on this thread until the returned scope is disposed.</summary>
    public Scope Use()
    {
        Monitor.Enter(gate);
        ObjectDisposedException.ThrowIf(context == 0, this);
        // The bound API is per thread; releasing with EGL_NO_CONTEXT releases the bound API's context.
        Native.eglBindAPI(EGL_OPENGL_API);
        if (Native.eglMakeCurrent(display, 0, 0, context) == 0)
        {
            int error = Native.eglGetError();
            Monitor.Exit(gate);
            throw new InvalidOperationException($"eglMakeCurrent failed (EGL error 0x{error:X}).");
        }
        return new Scope(this);
    }

    /// <summary>Releases the context from the thread and lets the next caller in.</summary>
    public readonly struct Scope : IDisposable
    {
        readonly SurfacelessContext owner;
        internal Scope(SurfacelessContext owner) => this.owner = owner;

        public void Dispose()
        {
            Native.eglMakeCurrent(owner.display, 0, 0, 0);
            Monitor.Exit(owner.gate);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (context == 0)
                return;
            Native.eglDestroyContext(display, context);
            context = 0;
        }
    }

    static unsafe class Native
    {
        const string Lib = "libEGL.so.1";
        [DllImport(Lib)] public static extern nint eglQueryString(nint display, int name);
        [DllImport(Lib)] public static extern nint eglGetProcAddress([MarshalAs(UnmanagedType.LPStr)] string name);
        [DllImport(Lib)] public static extern int eglInitialize(nint display, int* major, int* minor);
        [DllImport(Lib)] public static extern int eglChooseConfig(nint display, int* attributes, nint* configs, int size, int* count);
        [DllImport(Lib)] public static extern int eglBindAPI(int api);
        [DllImport(Lib)] public static extern nint eglCreateContext(nint display, nint config, nint share, int* attributes);
        [DllImport(Lib)] public static extern int eglMakeCurrent(nint display, nint draw, nint read, nint context);
        [DllImport(Lib)] public static extern int eglDestroyContext(nint display, nint context);
        [DllImport(Lib)] public static extern int eglGetError();
    }
}

/// <summary>No EGL/OpenGL 3.3 here: the message names the missing piece.</summary>
public sealed class RendererUnavailableException : Exception
{
    public RendererUnavailableException(string message) : base(message) { }
    public RendererUnavailableException(string message, Exception inner) : base(message, inner) { }
}
