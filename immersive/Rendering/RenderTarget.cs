using Silk.NET.OpenGL;

namespace QyHeritage.Immersive.Rendering;

/// <summary>Where the scene is drawn: sRGB colour + 24-bit depth renderbuffers, multisampled when asked.</summary>
sealed class RenderTarget : IDisposable
{
    readonly GL gl;
    readonly uint color;
    readonly uint depth;

    public RenderTarget(GL gl, int width, int height, int samples)
    {
        this.gl = gl;
        Width = width;
        Height = height;
        Framebuffer = gl.GenFramebuffer();
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, Framebuffer);
        color = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, color);
        gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, (uint)(samples > 1 ? samples : 0), InternalFormat.Srgb8Alpha8, (uint)width, (uint)height);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, color);
        depth = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, depth);
        gl.RenderbufferStorageMultisample(RenderbufferTarget.Renderbuffer, (uint)(samples > 1 ? samples : 0), InternalFormat.DepthComponent24, (uint)width, (uint)height);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.DepthAttachment, RenderbufferTarget.Renderbuffer, depth);
        Programs.CheckFramebuffer(gl, $"the {width}×{height} render target ({samples} samples)");
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, 0);
    }

    public uint Framebuffer { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Copies (and resolves the samples of) the colour into a framebuffer of the same size.</summary>
    public void ResolveInto(uint framebuffer)
    {
        gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, Framebuffer);
        gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, framebuffer);
        gl.BlitFramebuffer(0, 0, Width, Height, 0, 0, Width, Height, ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Nearest);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
    }

    public void Dispose()
    {
        gl.DeleteFramebuffer(Framebuffer);
        gl.DeleteRenderbuffer(color);
        gl.DeleteRenderbuffer(depth);
    }
}

/// <summary>A single-sample sRGB colour framebuffer that pixels are read from.</summary>
sealed class ResolveBuffer : IDisposable
{
    readonly GL gl;
    readonly uint color;

    ResolveBuffer(GL gl, uint framebuffer, uint color)
    {
        this.gl = gl;
        Framebuffer = framebuffer;
        this.color = color;
    }

    public uint Framebuffer { get; }

    public static ResolveBuffer Create(GL gl, int width, int height)
    {
        uint framebuffer = gl.GenFramebuffer();
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, framebuffer);
        uint color = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, color);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Srgb8Alpha8, (uint)width, (uint)height);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, color);
        Programs.CheckFramebuffer(gl, $"the {width}×{height} read-back buffer");
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, 0);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, 0);
        return new ResolveBuffer(gl, framebuffer, color);
    }

    public void Dispose()
    {
        gl.DeleteFramebuffer(Framebuffer);
        gl.DeleteRenderbuffer(color);
    }
}

static class Programs
{
    public static uint Link(GL gl, string vertexSource, string fragmentSource)
    {
        uint vertex = Compile(gl, ShaderType.VertexShader, vertexSource);
        uint fragment = Compile(gl, ShaderType.FragmentShader, fragmentSource);
        uint program = gl.CreateProgram();
        gl.AttachShader(program, vertex);
        gl.AttachShader(program, fragment);
        gl.LinkProgram(program);
        gl.GetProgram(program, ProgramPropertyARB.LinkStatus, out int linked);
        gl.DeleteShader(vertex);
        gl.DeleteShader(fragment);
        if (linked == 0)
            throw new InvalidOperationException("Linking a renderer shader failed: " + gl.GetProgramInfoLog(program));
        return program;
    }

    static uint Compile(GL gl, ShaderType type, string source)
    {
        uint shader = gl.CreateShader(type);
        gl.ShaderSource(shader, source);
        gl.CompileShader(shader);
        gl.GetShader(shader, ShaderParameterName.CompileStatus, out int compiled);
        if (compiled == 0)
            throw new InvalidOperationException($"Compiling a renderer {type} failed: " + gl.GetShaderInfoLog(shader));
        return shader;
    }

    public static void CheckFramebuffer(GL gl, string what)
    {
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
            throw new InvalidOperationException($"OpenGL cannot draw into {what}: {status}.");
    }

    public static void ThrowOnError(GL gl, string what)
    {
        var error = gl.GetError();
        if (error != GLEnum.NoError)
            throw new InvalidOperationException($"OpenGL error {error} while {what}.");
    }
}
