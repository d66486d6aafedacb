using System.Numerics;
using SharpGLTF.Schema2;
using Silk.NET.OpenGL;

namespace QyHeritage.Immersive.Rendering;

/// <summary>
/// Renders one GLB (a compiled hall, or any glTF 2.0 binary) offscreen on surfaceless EGL with OpenGL
/// 3.3 core: base colour textures are sampled as sRGB and the target is sRGB, so the pictures carry
/// the colours the WebXR client (three.js, sRGB output) shows. One instance owns one GL context and
/// one uploaded scene; calls are serialised, from any thread.
/// </summary>
public sealed class HallRenderer : IDisposable
{
    /// <summary>The stereo base the pair is drawn with unless told otherwise: an adult's 64 mm.</summary>
    public const float DefaultInterpupillaryMetres = 0.064f;

    readonly SurfacelessContext context;
    readonly GL gl;
    readonly GpuScene scene;
    readonly RenderSettings settings;
    readonly int samples;
    readonly uint sceneProgram;
    readonly uint equirectangularProgram;
    readonly uint emptyVao;
    readonly SceneUniforms uniforms;

    HallRenderer(SurfacelessContext context, ModelRoot model, RenderSettings settings)
    {
        this.context = context;
        this.settings = settings;
        gl = context.Gl;
        using var _ = context.Use();
        sceneProgram = Programs.Link(gl, Shaders.SceneVertex, Shaders.SceneFragment);
        equirectangularProgram = Programs.Link(gl, Shaders.FullScreenVertex, Shaders.EquirectangularFragment);
        uniforms = new SceneUniforms(gl, sceneProgram);
        emptyVao = gl.GenVertexArray();
        int maxSamples = gl.GetInteger(GLEnum.MaxSamples);
        samples = Math.Clamp(settings.Samples, 1, Math.Max(1, maxSamples));
        scene = new GpuScene(gl, model);
        Programs.ThrowOnError(gl, "uploading the scene");
    }

    /// <summary>Loads a GLB from bytes.</summary>
    public static HallRenderer Load(byte[] glb, RenderSettings? settings = null) =>
        Load(ModelRoot.ParseGLB(new ArraySegment<byte>(glb)), settings);

    /// <summary>Uploads a model already in memory (its images must be embedded or loaded).</summary>
    public static HallRenderer Load(ModelRoot model, RenderSettings? settings = null)
    {
        var context = SurfacelessContext.Create();
        try
        {
            return new HallRenderer(context, model, settings ?? new RenderSettings());
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>GL_RENDERER of the context, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)".</summary>
    public string GlRenderer => context.Renderer;

    /// <summary>Draw calls per view (one per node × primitive).</summary>
    public int DrawCount => scene.Draws.Count;

    public int TriangleCount => scene.TriangleCount;

    /// <summary>World-space bounds of what is drawn, or null for an empty scene.</summary>
    public (Vector3 Min, Vector3 Max)? Bounds => scene.Bounds;

    /// <summary>The view from one camera.</summary>
    public RenderedImage Render(HallCamera camera)
    {
        using var _ = context.Use();
        using var target = new RenderTarget(gl, camera.Width, camera.Height, samples);
        using var resolved = ResolveBuffer.Create(gl, camera.Width, camera.Height);
        DrawScene(target, camera.View, camera.Projection, camera.Position);
        target.ResolveInto(resolved.Framebuffer);
        var image = ReadPixels(resolved.Framebuffer, camera.Width, camera.Height);
        Programs.ThrowOnError(gl, "rendering a view");
        return image;
    }

    /// <summary>
    /// A side-by-side stereo pair: left eye on the left, each eye <c>camera.Width</c> wide, the eyes
    /// <paramref name="interpupillaryMetres"/> apart along the camera's right, axes parallel (as WebXR's views).
    /// </summary>
    public RenderedImage RenderStereo(HallCamera camera, float interpupillaryMetres = DefaultInterpupillaryMetres)
    {
        var left = Render(camera.Shifted(-interpupillaryMetres / 2));
        var right = Render(camera.Shifted(interpupillaryMetres / 2));
        return RenderedImage.SideBySide(left, right);
    }

    /// <summary>The panorama from a tour stop: level with the horizon, the stop's heading at the centre.</summary>
    public RenderedImage RenderPanorama(TourStopPose stop, int width = 4096, int? faceSize = null) =>
        RenderPanorama(stop.Position, stop.YawDegrees, width, faceSize);

    /// <summary>
    /// An equirectangular 360° panorama, <paramref name="width"/> × width/2: six cube faces rendered
    /// from <paramref name="position"/>, then resampled on the GPU (bilinear, seamless cube filtering).
    /// The centre column looks along <paramref name="yawDegrees"/>; the left and right edges meet behind.
    /// </summary>
    public RenderedImage RenderPanorama(Vector3 position, float yawDegrees, int width = 4096, int? faceSize = null)
    {
        if (width < 8 || width % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(width), "The panorama width must be even and at least 8.");
        int height = width / 2;
        // About one face texel per panorama pixel at the equator: width / π, rounded up to 64.
        int face = faceSize ?? (int)Math.Ceiling(width / Math.PI / 64) * 64;
        using var _ = context.Use();
        uint cube = gl.GenTexture();
        try
        {
            gl.BindTexture(TextureTarget.TextureCubeMap, cube);
            for (int i = 0; i < 6; i++)
                unsafe
                {
                    gl.TexImage2D(TextureTarget.TextureCubeMapPositiveX + i, 0, InternalFormat.Srgb8Alpha8, (uint)face, (uint)face, 0, PixelFormat.Rgba, PixelType.UnsignedByte, null);
                }
            gl.TexParameter(TextureTarget.TextureCubeMap, TextureParameterName.TextureMinFilter, (int)GLEnum.Linear);
            gl.TexParameter(TextureTarget.TextureCubeMap, TextureParameterName.TextureMagFilter, (int)GLEnum.Linear);
            gl.TexParameter(TextureTarget.TextureCubeMap, TextureParameterName.TextureWrapS, (int)GLEnum.ClampToEdge);
            gl.TexParameter(TextureTarget.TextureCubeMap, TextureParameterName.TextureWrapT, (int)GLEnum.ClampToEdge);
            gl.TexParameter(TextureTarget.TextureCubeMap, TextureParameterName.TextureWrapR, (int)GLEnum.ClampToEdge);
            gl.BindTexture(TextureTarget.TextureCubeMap, 0);

            var projection = HallCamera.GlPerspective(MathF.PI / 2, 1f, HallCamera.NearPlane, HallCamera.FarPlane);
            using (var target = new RenderTarget(gl, face, face, samples))
            {
                uint faceFramebuffer = gl.GenFramebuffer();
                try
                {
                    for (int i = 0; i < 6; i++)
                    {
                        var (direction, up) = CubeFaces[i];
                        var view = Matrix4x4.CreateLookAt(position, position + direction, up);
                        DrawScene(target, view, projection, position);
                        gl.BindFramebuffer(FramebufferTarget.Framebuffer, faceFramebuffer);
                        gl.FramebufferTexture2D(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, TextureTarget.TextureCubeMapPositiveX + i, cube, 0);
                        target.ResolveInto(faceFramebuffer);
                    }
                }
                finally
                {
                    gl.DeleteFramebuffer(faceFramebuffer);
                }
            }

            using var output = ResolveBuffer.Create(gl, width, height);
            gl.BindFramebuffer(FramebufferTarget.Framebuffer, output.Framebuffer);
            gl.Viewport(0, 0, (uint)width, (uint)height);
            gl.Disable(EnableCap.DepthTest);
            gl.Disable(EnableCap.CullFace);
            gl.Disable(EnableCap.Blend);
            gl.Enable(EnableCap.FramebufferSrgb);
            gl.Enable(EnableCap.TextureCubeMapSeamless);
            gl.UseProgram(equirectangularProgram);
            gl.ActiveTexture(TextureUnit.Texture0);
            gl.BindTexture(TextureTarget.TextureCubeMap, cube);
            gl.Uniform1(gl.GetUniformLocation(equirectangularProgram, "uCube"), 0);
            gl.Uniform2(gl.GetUniformLocation(equirectangularProgram, "uSize"), (float)width, height);
            var heading = Matrix4x4.CreateRotationY(HallCamera.Radians(yawDegrees));
            SetMatrix(gl.GetUniformLocation(equirectangularProgram, "uHeading"), heading);
            gl.BindVertexArray(emptyVao);
            gl.DrawArrays(Silk.NET.OpenGL.PrimitiveType.Triangles, 0, 3);
            gl.BindVertexArray(0);
            var image = ReadPixels(output.Framebuffer, width, height);
            Programs.ThrowOnError(gl, "rendering a panorama");
            return image;
        }
        finally
        {
            gl.DeleteTexture(cube);
        }
    }

    /// <summary>GL cube map faces in order +X −X +Y −Y +Z −Z, each with the up vector that makes the rendered face match the cube map's texel layout.</summary>
    static readonly (Vector3 Direction, Vector3 Up)[] CubeFaces =
    [
        (Vector3.UnitX, -Vector3.UnitY),
        (-Vector3.UnitX, -Vector3.UnitY),
        (Vector3.UnitY, Vector3.UnitZ),
        (-Vector3.UnitY, -Vector3.UnitZ),
        (Vector3.UnitZ, -Vector3.UnitY),
        (-Vector3.UnitZ, -Vector3.UnitY),
    ];

    void DrawScene(RenderTarget target, Matrix4x4 view, Matrix4x4 projection, Vector3 eye)
    {
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, target.Framebuffer);
        gl.Viewport(0, 0, (uint)target.Width, (uint)target.Height);
        gl.Enable(EnableCap.FramebufferSrgb);
        gl.Enable(EnableCap.DepthTest);
        gl.DepthFunc(DepthFunction.Less);
        gl.DepthMask(true);
        gl.Disable(EnableCap.Blend);
        if (samples > 1)
            gl.Enable(EnableCap.Multisample);
        // The clear colour is linear; the sRGB target encodes it back to the requested sRGB value.
        var (r, g, b) = settings.Background;
        gl.ClearColor(Srgb.ToLinear(r), Srgb.ToLinear(g), Srgb.ToLinear(b), 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit | ClearBufferMask.DepthBufferBit);

        gl.UseProgram(sceneProgram);
        SetMatrix(uniforms.ViewProjection, view * projection);
        SetLights();
        gl.Uniform1(uniforms.BaseColorTexture, 0);
        gl.ActiveTexture(TextureUnit.Texture0);

        foreach (var draw in scene.Draws)
        {
            if (draw.Primitive.Material.AlphaMode != GpuAlphaMode.Blend)
                Draw(draw);
        }
        var blended = scene.Draws.Where(d => d.Primitive.Material.AlphaMode == GpuAlphaMode.Blend)
            .OrderByDescending(d => Vector3.DistanceSquared(Vector3.Transform((d.Primitive.BoundsMin + d.Primitive.BoundsMax) / 2, d.World), eye))
            .ToList();
        if (blended.Count > 0)
        {
            gl.Enable(EnableCap.Blend);
            gl.BlendFuncSeparate(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha, BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
            gl.DepthMask(false);
            foreach (var draw in blended)
                Draw(draw);
            gl.DepthMask(true);
            gl.Disable(EnableCap.Blend);
        }
        gl.BindVertexArray(0);
    }

    unsafe void Draw(GpuDraw draw)
    {
        var material = draw.Primitive.Material;
        if (material.DoubleSided)
            gl.Disable(EnableCap.CullFace);
        else
        {
            gl.Enable(EnableCap.CullFace);
            gl.CullFace(TriangleFace.Back);
        }
        gl.FrontFace(draw.MirroredWinding ? FrontFaceDirection.CW : FrontFaceDirection.Ccw);
        SetMatrix(uniforms.Model, draw.World);
        SetMatrix(uniforms.NormalMatrix, draw.NormalMatrix);
        var f = material.BaseColorFactor;
        gl.Uniform4(uniforms.BaseColorFactor, f.X, f.Y, f.Z, f.W);
        gl.Uniform1(uniforms.HasTexture, material.Texture != 0 ? 1 : 0);
        gl.BindTexture(TextureTarget.Texture2D, material.Texture);
        gl.Uniform1(uniforms.AlphaMode, (int)material.AlphaMode);
        gl.Uniform1(uniforms.AlphaCutoff, material.AlphaCutoff);
        gl.Uniform1(uniforms.Lit, !material.Unlit && settings.Shading != MaterialShading.Unlit ? 1 : 0);
        gl.BindVertexArray(draw.Primitive.Vao);
        gl.DrawElements(Silk.NET.OpenGL.PrimitiveType.Triangles, draw.Primitive.IndexCount, DrawElementsType.UnsignedInt, null);
    }

    /// <summary>The scene's own lights (three.js units: radiance / π for Lambert), or the fixed light of the settings.</summary>
    void SetLights()
    {
        var ambient = settings.AmbientStrength;
        gl.Uniform3(uniforms.Ambient, ambient, ambient, ambient);
        var hemisphere = settings.Hemisphere;
        var sky = hemisphere is null ? Vector3.Zero : HemisphereLight.Linear(hemisphere.Sky) * hemisphere.Intensity / MathF.PI;
        var ground = hemisphere is null ? Vector3.Zero : HemisphereLight.Linear(hemisphere.Ground) * hemisphere.Intensity / MathF.PI;
        gl.Uniform3(uniforms.HemisphereSky, sky.X, sky.Y, sky.Z);
        gl.Uniform3(uniforms.HemisphereGround, ground.X, ground.Y, ground.Z);
        var lights = settings.Shading == MaterialShading.SceneLights && scene.Lights.Count > 0
            ? scene.Lights.Take(Shaders.MaxLights).Select(l => l with { Radiance = l.Radiance / MathF.PI }).ToList()
            : [new GpuLight(new Vector4(Vector3.Normalize(settings.LightDirection), 0), new Vector3(settings.LightStrength), 0)];
        gl.Uniform1(uniforms.LightCount, lights.Count);
        for (int i = 0; i < lights.Count; i++)
        {
            var l = lights[i];
            gl.Uniform4(uniforms.LightPosition[i], l.Position.X, l.Position.Y, l.Position.Z, l.Position.W);
            gl.Uniform3(uniforms.LightColor[i], l.Radiance.X, l.Radiance.Y, l.Radiance.Z);
            gl.Uniform1(uniforms.LightRange[i], l.Range);
        }
    }

    unsafe void SetMatrix(int location, Matrix4x4 matrix)
    {
        // System.Numerics is row-vector; read untransposed as GLSL column-major it is the matrix GLSL multiplies with.
        gl.UniformMatrix4(location, 1, false, (float*)&matrix);
    }

    unsafe RenderedImage ReadPixels(uint framebuffer, int width, int height)
    {
        gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, framebuffer);
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        var bottomUp = new byte[width * height * 4];
        fixed (byte* pixels = bottomUp)
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, pixels);
        gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, 0);
        int row = width * 4;
        var topDown = new byte[bottomUp.Length];
        for (int y = 0; y < height; y++)
            System.Buffer.BlockCopy(bottomUp, (height - 1 - y) * row, topDown, y * row, row);
        return new RenderedImage(width, height, topDown);
    }

    public void Dispose()
    {
        using (context.Use())
        {
            scene.Dispose();
            gl.DeleteProgram(sceneProgram);
            gl.DeleteProgram(equirectangularProgram);
            gl.DeleteVertexArray(emptyVao);
        }
        context.Dispose();
    }

    sealed class SceneUniforms(GL gl, uint program)
    {
        public readonly int Model = gl.GetUniformLocation(program, "uModel");
        public readonly int NormalMatrix = gl.GetUniformLocation(program, "uNormalMatrix");
        public readonly int ViewProjection = gl.GetUniformLocation(program, "uViewProjection");
        public readonly int BaseColorTexture = gl.GetUniformLocation(program, "uBaseColorTexture");
        public readonly int HasTexture = gl.GetUniformLocation(program, "uHasTexture");
        public readonly int BaseColorFactor = gl.GetUniformLocation(program, "uBaseColorFactor");
        public readonly int AlphaMode = gl.GetUniformLocation(program, "uAlphaMode");
        public readonly int AlphaCutoff = gl.GetUniformLocation(program, "uAlphaCutoff");
        public readonly int Lit = gl.GetUniformLocation(program, "uLit");
        public readonly int LightCount = gl.GetUniformLocation(program, "uLightCount");
        public readonly int[] LightPosition = Elements(gl, program, "uLightPosition");
        public readonly int[] LightColor = Elements(gl, program, "uLightColor");
        public readonly int[] LightRange = Elements(gl, program, "uLightRange");

        // GL 3.3 does not promise consecutive locations for array elements: ask for each.
        static int[] Elements(GL gl, uint program, string name) =>
            Enumerable.Range(0, Shaders.MaxLights).Select(i => gl.GetUniformLocation(program, $"{name}[{i}]")).ToArray();
        public readonly int Ambient = gl.GetUniformLocation(program, "uAmbient");
        public readonly int HemisphereSky = gl.GetUniformLocation(program, "uHemisphereSky");
        public readonly int HemisphereGround = gl.GetUniformLocation(program, "uHemisphereGround");
    }
}
