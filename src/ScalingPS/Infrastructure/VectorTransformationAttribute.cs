using System.Management.Automation;
using ScalingPS.Core.Data;

namespace ScalingPS.Infrastructure;

/// <summary>
/// Lets a double[] parameter (labels) take a one-column (or one-row) FeatureMatrix as well as numbers, so
/// `-Labels (Import-FeatureMatrix y.npy)` works.
/// </summary>
public sealed class VectorTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject ps ? ps.BaseObject : inputData;
        return value is FeatureMatrix m ? m.ToVector() : inputData;
    }
}
