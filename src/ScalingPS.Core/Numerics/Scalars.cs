namespace ScalingPS.Core.Numerics;

/// <summary>
/// The arithmetic the closed-form committee coefficients need, so that one generic implementation serves
/// both plain evaluation (<see cref="Real"/>) and exact forward-mode derivatives (<see cref="Dual"/>) for
/// the analytic Jacobian. Both are structs, so the JIT specialises the generic code without boxing.
/// </summary>
public interface IScalar<T> where T : struct, IScalar<T>
{
    static abstract T C(double value);
    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    static abstract T operator -(T a);
    static abstract T operator *(double a, T b);
    static abstract T Sqrt(T x);
    static abstract T Asin(T x);
    double Value { get; }
}

/// <summary>A plain double.</summary>
public readonly struct Real(double value) : IScalar<Real>
{
    public double Value { get; } = value;
    public static Real C(double value) => new(value);
    public static Real operator +(Real a, Real b) => new(a.Value + b.Value);
    public static Real operator -(Real a, Real b) => new(a.Value - b.Value);
    public static Real operator *(Real a, Real b) => new(a.Value * b.Value);
    public static Real operator /(Real a, Real b) => new(a.Value / b.Value);
    public static Real operator -(Real a) => new(-a.Value);
    public static Real operator *(double a, Real b) => new(a * b.Value);
    public static Real Sqrt(Real x) => new(Math.Sqrt(x.Value));
    public static Real Asin(Real x) => new(Math.Asin(x.Value));
}

/// <summary>A dual number v + d·ε (ε² = 0): carries one directional derivative exactly through every operation.</summary>
public readonly struct Dual(double value, double derivative) : IScalar<Dual>
{
    public double Value { get; } = value;
    public double Derivative { get; } = derivative;
    public static Dual C(double value) => new(value, 0);
    public static Dual operator +(Dual a, Dual b) => new(a.Value + b.Value, a.Derivative + b.Derivative);
    public static Dual operator -(Dual a, Dual b) => new(a.Value - b.Value, a.Derivative - b.Derivative);
    public static Dual operator *(Dual a, Dual b) => new(a.Value * b.Value, a.Derivative * b.Value + a.Value * b.Derivative);
    public static Dual operator /(Dual a, Dual b)
    {
        double v = a.Value / b.Value;
        return new(v, (a.Derivative - v * b.Derivative) / b.Value);
    }
    public static Dual operator -(Dual a) => new(-a.Value, -a.Derivative);
    public static Dual operator *(double a, Dual b) => new(a * b.Value, a * b.Derivative);
    public static Dual Sqrt(Dual x)
    {
        double s = Math.Sqrt(x.Value);
        return new(s, x.Derivative / (2 * s));
    }
    public static Dual Asin(Dual x) => new(Math.Asin(x.Value), x.Derivative / Math.Sqrt(1 - x.Value * x.Value));
}
