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
        out vec3 vWorld;
        out vec2 vUv;
        out vec4 vColor;
        void main() {
            vec4 world = uModel * vec4(aPosition, 1.0);
            vWorld = world.xyz;
            gl_Position = uViewProjection * world;
            vNormal = mat3(uNormalMatrix) * aNormal;
            vUv = aUv;
            vColor = aColor;
        }
        """;

    public const int MaxLights = 8;

    /// <summary>
    /// glTF base colour: factor (linear) × vertex colour × texture (sRGB, decoded by the sampler).
    /// Lit materials get ambient + Lambert diffuse from up to 8 lights: w = 0 directional (xyz towards
    /// the light), w = 1 point (xyz its position, three.js's inverse-square falloff with the range
    /// cut-off). Light colours arrive already divided by π (three.js's BRDF_Lambert). The sRGB target
    /// encodes the result.
    /// </summary>
    public const string SceneFragment = """
        #version 330 core
        in vec3 vNormal;
        in vec3 vWorld;
        in vec2 vUv;
        in vec4 vColor;
        uniform sampler2D uBaseColorTexture;
        uniform bool uHasTexture;
        uniform vec4 uBaseColorFactor;
        uniform int uAlphaMode;      // 0 opaque, 1 mask, 2 blend
        uniform float uAlphaCutoff;
        uniform bool uLit;
        uniform int uLightCount;
        uniform vec4 uLightPosition[8];
        uniform vec3 uLightColor[8];
        uniform float uLightRange[8];
        uniform vec3 uAmbient;
        uniform vec3 uHemisphereSky;     // linear, × intensity / π (three.js HemisphereLight)
        uniform vec3 uHemisphereGround;
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
                vec3 light = uAmbient + mix(uHemisphereGround, uHemisphereSky, 0.5 * n.y + 0.5);
                for (int i = 0; i < uLightCount; i++) {
                    vec3 towards = uLightPosition[i].xyz;
                    float falloff = 1.0;
                    if (uLightPosition[i].w > 0.5) {
                        towards = uLightPosition[i].xyz - vWorld;
                        float d = length(towards);
                        towards /= max(d, 1e-6);
                        falloff = 1.0 / max(d * d, 0.01);
                        if (uLightRange[i] > 0.0) {
                            float r = d / uLightRange[i];
                            falloff *= pow(clamp(1.0 - r * r * r * r, 0.0, 1.0), 2.0);
                        }
                    }
                    light += uLightColor[i] * falloff * max(dot(n, towards), 0.0);
                }
                color.rgb *= light;
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
