namespace QyHeritage.Immersive.Rendering;

/// <summary>GLSL 3.30 sources: the hall's materials, and the cube-to-equirectangular resampling.</summary>
static class Shaders
{
    public const string SceneVertex = """
        #version 330 core
        layout(location = 0) in vec3 aPosition;
        layout(location = 1) in vec3 aNormal;
        layout(location = 2) in vec2 aUv;
        layout(location = 3) in vec4 aColor;
        uniform mat4 uModel;
        uniform mat4 uNormalMatrix;
        uniform mat4 uViewProjection;
        out vec3 vNormal;
        out vec2 vUv;
        out vec4 vColor;
        void main() {
            gl_Position = uViewProjection * (uModel * vec4(aPosition, 1.0));
            vNormal = mat3(uNormalMatrix) * aNormal;
            vUv = aUv;
            vColor = aColor;
        }
        """;

    /// <summary>
    /// glTF base colour: factor (linear) × vertex colour × texture (sRGB, decoded by the sampler).
    /// Lit materials get ambient + one directional light (Lambert); the sRGB target encodes the result.
    /// </summary>
    public const string SceneFragment = """
        #version 330 core
        in vec3 vNormal;
        in vec2 vUv;
        in vec4 vColor;
        uniform sampler2D uBaseColorTexture;
        uniform bool uHasTexture;
        uniform vec4 uBaseColorFactor;
        uniform int uAlphaMode;      // 0 opaque, 1 mask, 2 blend
        uniform float uAlphaCutoff;
        uniform bool uLit;
        uniform vec3 uLightDirection; // towards the light, world space, unit
        uniform vec3 uLightColor;
        uniform vec3 uAmbient;
        out vec4 fragColor;
        void main() {
            vec4 color = uBaseColorFactor * vColor;
            if (uHasTexture)
                color *= texture(uBaseColorTexture, vUv);
            if (uAlphaMode == 1 && color.a < uAlphaCutoff)
                discard;
            if (uAlphaMode != 2)
                color.a = 1.0;
            if (uLit && dot(vNormal, vNormal) > 1e-12) {
                vec3 n = normalize(vNormal);
                if (!gl_FrontFacing)
                    n = -n;
                color.rgb *= uAmbient + uLightColor * max(dot(n, uLightDirection), 0.0);
            }
            fragColor = color;
        }
        """;

    /// <summary>A triangle that covers the viewport, from gl_VertexID alone (no buffers).</summary>
    public const string FullScreenVertex = """
        #version 330 core
        void main() {
            vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
            gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
        }
        """;

    /// <summary>
    /// Equirectangular from a cube map: column → longitude (−180° at the left edge, the heading at the
    /// centre, turning right to the right), row → latitude (+90° at the top). Both edges sample the
    /// same direction behind the viewer, so the picture wraps without a seam.
    /// </summary>
    public const string EquirectangularFragment = """
        #version 330 core
        uniform samplerCube uCube;
        uniform vec2 uSize;
        uniform mat4 uHeading;
        out vec4 fragColor;
        const float PI = 3.14159265358979;
        void main() {
            float longitude = gl_FragCoord.x / uSize.x * 2.0 * PI - PI;
            float latitude = gl_FragCoord.y / uSize.y * PI - 0.5 * PI;
            vec3 d = vec3(cos(latitude) * sin(longitude), sin(latitude), -cos(latitude) * cos(longitude));
            fragColor = vec4(texture(uCube, mat3(uHeading) * d).rgb, 1.0);
        }
        """;
}
